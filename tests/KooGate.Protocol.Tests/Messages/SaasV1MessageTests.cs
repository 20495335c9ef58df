using KooGate.Protocol.Messages;
using KooGate.Protocol.Signing;
using KooGate.Protocol.Validation;

namespace KooGate.Protocol.Tests.Messages;

public class SaasV1MessageTests
{
    // saas-v1-and-joint.md §3.1, the doc's example URL (it carries no skuCode although the table marks it mandatory).
    private const string DocNewInstanceQuery =
        "activity=newInstance&businessId=61e834ba-7b97-4418-b8f7-e5345137278c&customerId=68cbc86abc2018ab880d92f36422fa0e&expireTime=20200727153156&orderId=CS1906666666ABCDE&productId=00301-666666-0--0&testFlag=1&timeStamp=20200727073711903&authToken=Gzbfjf9LHRBcI3bFVi%2B%2BsLinCNOBF6qa7is1fvjEgYQ%3D";

    // Base64 of [{"name":"identificationCode","value":"~~~"}]; it contains a '+'.
    private const string ExtendParamsBase64 = "W3sibmFtZSI6ImlkZW50aWZpY2F0aW9uQ29kZSIsInZhbHVlIjoifn5+In1d";

    [Fact]
    public void NewInstance_binds_the_doc_example_query()
    {
        var request = V1NewInstanceRequest.FromQuery(QueryString.Parse(DocNewInstanceQuery, plusAsSpace: false));

        Assert.Null(MessageValidator.Validate(request));
        Assert.Equal("61e834ba-7b97-4418-b8f7-e5345137278c", request.BusinessId);
        Assert.Equal("68cbc86abc2018ab880d92f36422fa0e", request.CustomerId);
        Assert.Equal("20200727153156", request.ExpireTime);
        Assert.Equal("Gzbfjf9LHRBcI3bFVi++sLinCNOBF6qa7is1fvjEgYQ=", request.AuthToken);
        Assert.True(request.IsTest);
        Assert.Null(request.SkuCode);
    }

    [Fact]
    public void NewInstance_binds_every_documented_parameter_and_round_trips_through_ToQuery()
    {
        var query = new List<KeyValuePair<string, string?>>
        {
            new("activity", "newInstance"), new("authToken", "tok"), new("timeStamp", "20200727073711903"),
            new("customerId", "cust"), new("customerName", "张三"), new("userId", "uid"), new("userName", "uname"),
            new("mobilePhone", "0123456789abcdefpTSyOaKf048QAD4+da3ubw=="), new("email", "e"), new("businessId", "b"),
            new("orderId", "o"), new("skuCode", "sku"), new("productId", "p"), new("testFlag", "0"), new("trialFlag", "1"),
            new("expireTime", "20200727153156"), new("chargingMode", "1"), new("saasExtendParams", ExtendParamsBase64),
            new("amount", "30"), new("diskSize", "100"), new("bandWidth", "5"), new("periodType", "month"),
            new("periodNumber", "3"), new("orderAmount", "12.780"), new("provisionType", "1"),
            new("acceptanceTime", "20200727153156123"), new("unknownNewParam", "ignored"),
        };

        var request = V1NewInstanceRequest.FromQuery(query);

        Assert.Null(MessageValidator.Validate(request));
        Assert.True(request.IsTrial);
        Assert.False(request.IsTest);
        Assert.Equal("0123456789abcdefpTSyOaKf048QAD4+da3ubw==", request.MobilePhone);
        Assert.Equal(V1ChargingModes.Period, request.ChargingMode);
        Assert.Equal("12.780", request.OrderAmount);
        var back = request.ToQuery();
        Assert.Equal(query.Where(p => p.Key != "unknownNewParam").OrderBy(p => p.Key, StringComparer.Ordinal),
            back.OrderBy(p => p.Key, StringComparer.Ordinal));
        Assert.Equal(request, V1NewInstanceRequest.FromQuery(back));
    }

    [Theory] // saas-v1-and-joint.md §3.1: urlEncode(base64(json)); the query parser has decoded once already
    [InlineData("saasExtendParams=W3sibmFtZSI6ImlkZW50aWZpY2F0aW9uQ29kZSIsInZhbHVlIjoifn5%2BIn1d", false)]
    [InlineData("saasExtendParams=W3sibmFtZSI6ImlkZW50aWZpY2F0aW9uQ29kZSIsInZhbHVlIjoifn5+In1d", true)]
    [InlineData("saasExtendParams=W3sibmFtZSI6ImlkZW50aWZpY2F0aW9uQ29kZSIsInZhbHVlIjoifn5%252BIn1d", false)]
    public void NewInstance_decodes_saasExtendParams_including_damaged_plus_and_double_encoding(string parameter, bool plusAsSpace)
    {
        var request = V1NewInstanceRequest.FromQuery(QueryString.Parse(DocNewInstanceQuery + "&" + parameter, plusAsSpace));

        Assert.Null(MessageValidator.Validate(request));
        Assert.True(request.TryGetSaasExtendParams(out var parameters));
        var only = Assert.Single(parameters);
        Assert.Equal("identificationCode", only.Name);
        Assert.Equal("~~~", only.Value);
    }

    [Fact]
    public void ExtendParams_encode_and_decode_are_inverse()
    {
        ExtendParam[] parameters = [new() { Name = "identificationCode", Value = "~~~" }];

        Assert.Equal(ExtendParamsBase64, ExtendParamsCodec.Encode(parameters));
        Assert.True(ExtendParamsCodec.TryDecode(ExtendParamsBase64, out var decoded));
        Assert.Equal(parameters, decoded);
    }

    [Theory]
    [InlineData("saasExtendParams=%21%21notbase64", "saasExtendParams")]
    [InlineData("saasExtendParams=bm90IGpzb24%3D", "saasExtendParams")] // Base64 of "not json"
    [InlineData("chargingMode=2", "chargingMode")]
    [InlineData("periodType=week", "periodType")]
    [InlineData("amount=3.5", "amount")]
    [InlineData("orderAmount=-1", "orderAmount")]
    [InlineData("orderAmount=1.2345", "orderAmount")]
    [InlineData("expireTime=2020-07-27", "expireTime")]
    public void NewInstance_reports_bad_optional_parameters(string parameter, string field)
    {
        // The first value of a repeated parameter wins, so the doc's own expireTime is taken out first.
        var query = DocNewInstanceQuery.Replace("&expireTime=20200727153156", "", StringComparison.Ordinal) + "&" + parameter;

        var request = V1NewInstanceRequest.FromQuery(QueryString.Parse(query, plusAsSpace: false));

        Assert.Equal(field, MessageValidator.Validate(request)?.Field);
    }

    [Fact]
    public void Repeated_parameters_keep_the_first_value()
    {
        var request = V1ExpireInstanceRequest.FromQuery(
        [
            new("activity", "expireInstance"), new("instanceId", "first"), new("instanceId", "second"),
            new("orderId", "o"), new("timeStamp", "20170725025113409"), new("authToken", "t"),
        ]);

        Assert.Equal("first", request.InstanceId);
        Assert.Null(MessageValidator.Validate(request));
    }

    [Fact] // saas-v1-and-joint.md §3.2: a renewal refund carries a negative orderAmount
    public void RefreshInstance_allows_a_negative_refund_amount_and_requires_expireTime()
    {
        var query = QueryString.Parse(
            "activity=refreshInstance&expireTime=20180725000000&instanceId=03pf80c2bae96vc49b80b917bea776d7&orderId=HWS001014ED483AA1E8&timeStamp=20170725025113409&testFlag=1&authToken=x&orderAmount=-12.5",
            plusAsSpace: false);

        var request = V1RefreshInstanceRequest.FromQuery(query);

        Assert.Null(MessageValidator.Validate(request));
        Assert.Equal("-12.5", request.OrderAmount);
        Assert.Equal(new FieldError("expireTime", "is missing"),
            MessageValidator.Validate(V1RefreshInstanceRequest.FromQuery([.. query.Where(p => p.Key != "expireTime")])));
    }

    [Fact] // saas-v1-and-joint.md §3.6 example
    public void InstanceStatus_accepts_FREEZE_and_NORMAL_only()
    {
        var query = QueryString.Parse(
            "activity=instanceStatus&instanceId=huaweitest123456&instanceStatus=FREEZE&testFlag=1&timeStamp=20230327070251713&authToken=pqlrW7%2BPHC%3D",
            plusAsSpace: false);

        var request = V1InstanceStatusRequest.FromQuery(query);

        Assert.Null(MessageValidator.Validate(request));
        Assert.Equal(new FieldError("instanceStatus", "must be one of FREEZE, NORMAL"),
            MessageValidator.Validate(request with { InstanceStatus = "UNFREEZE" }));
    }

    [Fact] // the comma between ids arrives as %2C
    public void QueryInstance_splits_decoded_ids()
    {
        var request = V1QueryInstanceRequest.FromQuery(QueryString.Parse(
            "activity=queryInstance&instanceId=a1%2Cb2%2Cc3&timeStamp=20230327070251713&authToken=t", plusAsSpace: false));

        Assert.Equal(["a1", "b2", "c3"], request.GetInstanceIds());
        Assert.Null(MessageValidator.Validate(request));
    }

    [Fact]
    public void Upgrade_and_release_require_their_order_fields()
    {
        var upgrade = V1UpgradeRequest.FromQuery(QueryString.Parse(
            "activity=upgrade&instanceId=i&orderId=o&productId=p&timeStamp=20230327070251713&authToken=t", plusAsSpace: false));
        var release = V1ReleaseInstanceRequest.FromQuery(QueryString.Parse(
            "activity=releaseInstance&instanceId=i&orderId=o&orderAmount=9.99&timeStamp=20230327070251713&authToken=t", plusAsSpace: false));

        Assert.Equal(new FieldError("skuCode", "is missing"), MessageValidator.Validate(upgrade));
        Assert.Null(MessageValidator.Validate(release));
    }

    [Fact] // saas-v1-and-joint.md §3.1: the official sample's response shape
    public void V1_newInstance_response_carries_encryptType_and_appInfo()
    {
        var response = NewInstanceResponse.From(ResultCode.Success, "000bd4e1") with
        {
            EncryptType = EncryptTypes.Aes256,
            AppInfo = new AppInfo { FrontEndUrl = "https://app", UserName = "AbCdEf0123456789pVOWfjGaOhr06k3VAHD/og==" },
        };

        Assert.Equal(
            """{"resultCode":"000000","resultMsg":"success.","encryptType":"1","instanceId":"000bd4e1","appInfo":{"frontEndUrl":"https://app","userName":"AbCdEf0123456789pVOWfjGaOhr06k3VAHD/og=="}}""",
            KooJson.Serialize(response));
        Assert.Equal("encryptType", MessageValidator.Validate(response with { EncryptType = "3" })?.Field);
    }
}

using System.Text;
using KooGate.Protocol.Messages;
using KooGate.Protocol.Signing;
using KooGate.Protocol.Validation;

namespace KooGate.Protocol.Tests.Messages;

public class LicenseMessageTests
{
    [Fact] // license-order-openapi.md §C.1: the doc example bodies are key-sorted and round-trip exactly
    public void RefreshLicenseCode_doc_body_round_trips() =>
        AssertRoundTrip<RefreshLicenseCodeRequest>(
            """{"activity":"refreshLicenseCode","expireTime":"20230523201932","license":"******","orderId":"******","orderLineId":"******","productId":"******","scene":"RENEWAL","testFlag":"1"}""");

    [Fact]
    public void UpdateLicenseCodeStatus_doc_body_round_trips() =>
        AssertRoundTrip<UpdateLicenseCodeStatusRequest>(
            """{"activity":"updateLicenseCodeStatus","license":"******","status":"FREEZE","testFlag":"1"}""");

    [Fact]
    public void ReleaseLicenseCode_doc_body_round_trips() =>
        AssertRoundTrip<ReleaseLicenseCodeRequest>(
            """{"activity":"releaseLicenseCode","license":"*******","orderId":"******","orderLineId":"******","testFlag":"1"}""");

    [Fact] // §C.1.1 allows only RENEWAL and UNSUBSCRIBE_RENEWAL_PERIOD
    public void RefreshLicenseCode_rejects_scenes_of_the_SaaS_refresh()
    {
        var request = new RefreshLicenseCodeRequest
        {
            ExpireTime = "20230523201932",
            License = "PL1",
            OrderId = "o",
            OrderLineId = "o-1",
            Scene = RefreshScenes.TrialToFormal,
        };

        Assert.Equal(new FieldError("scene", "must be one of RENEWAL, UNSUBSCRIBE_RENEWAL_PERIOD"), MessageValidator.Validate(request));
        Assert.Null(MessageValidator.Validate(request with { Scene = RefreshScenes.UnsubscribeRenewalPeriod }));
    }

    [Fact]
    public void GetLicense_binds_from_the_query_and_answers_instanceId_and_license()
    {
        var request = GetLicenseRequest.FromQuery(QueryString.Parse(
            "activity=getLicense&customerId=c&businessId=b&orderId=o&productId=p&periodType=year&periodNumber=1&amount=2&timeStamp=20230327070251713&authToken=t",
            plusAsSpace: false));

        Assert.Null(MessageValidator.Validate(request));
        Assert.Equal("year", request.PeriodType);

        var response = GetLicenseResponse.From(ResultCode.Success, "4ef28f-312d3d-gad335f-3132hkf", "*****");
        var back = KooJson.Deserialize<GetLicenseResponse>(
            """{"resultCode":"000000","resultMsg":"success.","license":"*****","instanceId":"4ef28f-312d3d-gad335f-3132hkf"}""");
        Assert.Equal(response, back);
    }

    [Fact]
    public void Legacy_refresh_expire_and_release_bind_from_the_query()
    {
        const string common = "&instanceId=i&timeStamp=20230327070251713&authToken=t";

        Assert.Null(MessageValidator.Validate(RefreshLicenseRequest.FromQuery(
            QueryString.Parse("activity=refreshLicense&orderId=r&expireTime=20240101000000" + common, false))));
        Assert.Null(MessageValidator.Validate(ExpireLicenseRequest.FromQuery(
            QueryString.Parse("activity=expireLicense&orderId=o" + common, false))));
        Assert.Equal(new FieldError("orderId", "is missing"), MessageValidator.Validate(ReleaseLicenseRequest.FromQuery(
            QueryString.Parse("activity=releaseLicense" + common, false))));
    }

    [Fact] // §C.3
    public void GetLicenseAsync_requires_eventId_and_effectiveTime()
    {
        const string body = """{"activity":"getLicenseAsync","deviceFingerprint":"04:7C:16:5E:E3:5D|001B_444A_488B_5CEC.||BFEBFBFF00090672","effectiveTime":"2023-10-27 10:30:15 z","eventId":"ev-1","instanceId":"ins-1","testFlag":"1"}""";

        Assert.True(ProduceRequestParser.TryParse<GetLicenseAsyncRequest>(Encoding.UTF8.GetBytes(body), out var request, out var error), error?.ToString());
        Assert.Equal("ev-1", request.EventId);
        Assert.False(ProduceRequestParser.TryParse<GetLicenseAsyncRequest>(
            Encoding.UTF8.GetBytes(body.Replace("\"eventId\":\"ev-1\",", "", StringComparison.Ordinal)), out _, out error));
        Assert.Equal(new FieldError("eventId", "is missing"), error);
    }

    [Fact]
    public void Activity_lists_cover_each_family()
    {
        Assert.Contains(Activities.ChangeInstanceCheck, Activities.SaasV2);
        Assert.Contains(Activities.InstanceStatus, Activities.SaasV1);
        Assert.Contains(Activities.ExpireLicense, Activities.LegacyLicense);
        Assert.Contains(Activities.UpdateLicenseCodeStatus, Activities.LicenseCode);
    }

    private static void AssertRoundTrip<T>(string body)
        where T : class
    {
        Assert.True(ProduceRequestParser.TryParse<T>(Encoding.UTF8.GetBytes(body), out var message, out var error), error?.ToString());
        Assert.Equal(body, KooJson.Serialize(message));
    }
}

using System.Text.Json;
using KooGate.Protocol.Messages;
using KooGate.Protocol.Signing;
using KooGate.Protocol.Validation;

namespace KooGate.Protocol.Tests.Messages;

public class OpenApiMessageTests
{
    // license-order-openapi.md §D.2 success example, completed with the fields the table lists as likely and one the
    // docs do not mention at all.
    private const string QueryOrderBody = """
        {"resultCode":"MKT.0000","resultMsg":"Success","orderInfo":{"orderId":"CS2207261447AUY4H","orderType":"NEW",
        "createTime":"20220726064736","orderLine":[{"orderLineId":"CS2207261447AUY4H-000001","chargingMode":"PERIOD",
        "periodType":"year","periodNumber":1,"expireTime":"20230726155959","currency":"CNY",
        "productInfo":[{"skuCode":"sku-1","productId":"00301-1-0--0","linearValue":20,"productName":"基础版"}]}],
        "buyerInfo":{"customerId":"68cbc86abc2018ab880d92f36422fa0e","customerName":"buyer","userId":"u","userName":"un",
        "mobilePhone":"138****0000","email":"b@example.com"},"extendParams":[{"name":"identificationCode","value":"x"}]}}
        """;

    // license-order-openapi.md §C.2.1: license_code_info is a JSON document inside a string.
    private const string ActivateBody = """
        {"error_code":"92020000","error_msg":"success",
         "data":{"license_code_info":"{\"status\":\"ALIVE\",\"expire_time\":\"20230726121646\",\"product_id\":\"12345\",\"amount\":2,\"order_id\":\"CS123\"}"}}
        """;

    // saas-v1-and-joint.md §2.9 usage-push vector body.
    private const string UsagePushBody =
        """{"usage_records":[{"begin_time":"20220809T080000Z","end_time":"20220809T090000Z","instance_id":"7f141bf1-aec8-4859-8323-fb3a8ad50721","metering_sn":"sn-0001","record_time":"20220809T091000Z","usage_value":"99"}]}""";

    [Fact]
    public void QueryOrder_example_response_parses_with_unknown_fields_kept()
    {
        var response = KooJson.Deserialize<QueryOrderResponse>(QueryOrderBody)!;

        Assert.True(response.IsSuccess);
        var order = response.OrderInfo!;
        Assert.Equal(OrderTypes.New, order.OrderType);
        Assert.Equal("20220726064736", order.CreateTime);
        var line = Assert.Single(order.OrderLine);
        Assert.Equal(ChargingModes.Period, line.ChargingMode);
        Assert.Equal(1, line.PeriodNumber);
        Assert.Equal("20230726155959", line.ExpireTime);
        Assert.Equal("CNY", line.ExtensionData!["currency"].GetString());
        var product = Assert.Single(line.ProductInfo!);
        Assert.Equal(20m, product.LinearValue);
        Assert.Equal("基础版", product.ProductName);
        Assert.Equal("68cbc86abc2018ab880d92f36422fa0e", order.BuyerInfo!.CustomerId);
        Assert.Equal("b@example.com", order.BuyerInfo.Email);
        Assert.Equal("identificationCode", Assert.Single(order.ExtendParams!).Name);
        Assert.Null(MessageValidator.Validate(response));
    }

    [Fact]
    public void QueryOrder_round_trip_keeps_extension_data()
    {
        var response = KooJson.Deserialize<QueryOrderResponse>(QueryOrderBody)!;

        var again = KooJson.Deserialize<QueryOrderResponse>(KooJson.Serialize(response))!;

        Assert.Equal("CNY", again.OrderInfo!.OrderLine[0].ExtensionData!["currency"].GetString());
        Assert.Equal(KooJson.Serialize(response), KooJson.Serialize(again));
    }

    [Fact]
    public void QueryOrder_error_response_has_no_order()
    {
        var response = KooJson.Deserialize<QueryOrderResponse>("""{"resultCode":"MKT.0154","resultMsg":"Illegal token","extra_info":"x"}""")!;

        Assert.False(response.IsSuccess);
        Assert.Null(response.OrderInfo);
        Assert.Equal("x", response.ExtensionData!["extra_info"].GetString());
    }

    [Fact]
    public void LicenseActivate_response_parses_the_nested_license_code_info()
    {
        var response = KooJson.Deserialize<LicenseActivateResponse>(ActivateBody)!;

        Assert.True(response.IsSuccess);
        Assert.True(response.Data!.TryGetLicenseCodeInfo(out var info));
        Assert.Equal(LicenseStatuses.Alive, info.Status);
        Assert.Equal("20230726121646", info.ExpireTime);
        Assert.Equal("12345", info.ProductId);
        Assert.Equal(2m, info.Amount);
        Assert.Equal("CS123", info.OrderId);
    }

    [Fact]
    public void LicenseActivateData_built_from_info_is_a_string_again()
    {
        var data = LicenseActivateData.From(new LicenseCodeInfo { Status = "ALIVE", ExpireTime = "20230726121646", Amount = 2 });
        var json = KooJson.Serialize(new LicenseActivateResponse { ErrorCode = OpenApiCodes.LicenseSuccess, ErrorMsg = "success", Data = data });

        using var document = JsonDocument.Parse(json);
        Assert.Equal(JsonValueKind.String, document.RootElement.GetProperty("data").GetProperty("license_code_info").ValueKind);
        Assert.True(KooJson.Deserialize<LicenseActivateResponse>(json)!.Data!.TryGetLicenseCodeInfo(out var info));
        Assert.Equal(2m, info.Amount);
    }

    [Fact]
    public void LicenseActivateData_with_garbage_info_is_reported_not_thrown()
    {
        Assert.False(new LicenseActivateData { LicenseCodeInfo = "{not json" }.TryGetLicenseCodeInfo(out _));
        Assert.False(new LicenseActivateData { LicenseCodeInfo = "[1]" }.TryGetLicenseCodeInfo(out _));
    }

    [Fact]
    public void License_requests_serialise_with_snake_case_names()
    {
        Assert.Equal("""{"license":"PLXXXXXX"}""", KooJson.Serialize(new LicenseActivateRequest { License = "PLXXXXXX" }));
        Assert.Equal(
            """{"license_list":["PL****001","PL****002","PL****003"],"real_effect_time":"20260102153555"}""",
            KooJson.Serialize(new LicenseActivateV2Request { LicenseList = ["PL****001", "PL****002", "PL****003"], RealEffectTime = "20260102153555" }));
        Assert.Equal(
            """{"heartbeatInfo":{"ip":"192.168.1.51","thirdPartyAccount":"myaccount1"},"license":"PLXXXXXX"}""",
            KooJson.Serialize(new LicenseHeartbeatRequest { License = "PLXXXXXX", HeartbeatInfo = new HeartbeatInfo { ThirdPartyAccount = "myaccount1", Ip = "192.168.1.51" } }));
        Assert.Equal("license_list", MessageValidator.Validate(new LicenseActivateV2Request { LicenseList = [.. Enumerable.Repeat("PL", 101)] })?.Field);
    }

    [Fact]
    public void LicenseHeartbeat_response_parses_LicenseInfo()
    {
        var response = KooJson.Deserialize<LicenseHeartbeatResponse>(
            """{"error_code":"92020000","error_msg":"success","data":{"license_code":"PL1","status":"EXPIRED","activate_time":"20230101000000","expire_time":"20240101000000","product_id":"p","order_id":"o","amount":"3","new_field":true}}""")!;

        Assert.True(response.IsSuccess);
        var info = response.Data!;
        Assert.Equal(LicenseStatuses.Expired, info.Status);
        Assert.Equal(3m, info.Amount);
        Assert.True(info.ExtensionData!["new_field"].GetBoolean());
        Assert.Null(MessageValidator.Validate(response));
    }

    [Fact] // saas-v1-and-joint.md §2.7/§2.9: the body is key-sorted at every level and signed as sent
    public void UsagePush_body_is_the_spec_vector_and_signs_to_it()
    {
        var record = UsageRecord.Create(
            "7f141bf1-aec8-4859-8323-fb3a8ad50721",
            new DateTimeOffset(2022, 8, 9, 8, 0, 0, TimeSpan.Zero),
            new DateTimeOffset(2022, 8, 9, 17, 0, 0, TimeSpan.FromHours(8)),
            99m,
            "sn-0001",
            new DateTimeOffset(2022, 8, 9, 9, 10, 0, TimeSpan.Zero));

        var body = KooJson.Serialize(new UsagePushRequest { UsageRecords = [record] });

        Assert.Equal(UsagePushBody, body);
        Assert.Equal("fGAXw8HsUw4Q5rd+mx1zhQuHgKolgCzBqCKATyF0QFM=",
            UsagePushSignature.Compute("test-access-key-0001", "1709690865879", "6c63c221-1f6b-4141-8ff4-22f5dfe82b65", body));
    }

    [Fact]
    public void UsagePush_keys_are_sorted_at_every_level_with_every_field_present()
    {
        var record = UsageRecord.Create("i", DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch.AddHours(1), 1.5m, "sn",
            DateTimeOffset.UnixEpoch.AddHours(1), relatePkgInstance: "pkg");

        using var document = JsonDocument.Parse(KooJson.Serialize(new UsagePushRequest { UsageRecords = [record, record] }));

        AssertSortedEverywhere(document.RootElement);
        Assert.Equal(7, document.RootElement.GetProperty("usage_records")[0].EnumerateObject().Count());
    }

    [Theory]
    [InlineData(1.5, "1.5")]
    [InlineData(0.00001, "0.00001")]
    [InlineData(123456789, "123456789")]
    public void UsageRecord_writes_plain_decimal_text(double value, string expected)
    {
        var record = UsageRecord.Create("i", DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch, (decimal)value, "sn", DateTimeOffset.UnixEpoch);

        Assert.Equal(expected, record.UsageValue);
    }

    [Theory]
    [InlineData("0", "usage_records[0].usage_value")]
    [InlineData("-1", "usage_records[0].usage_value")]
    [InlineData("1.23456", "usage_records[0].usage_value")]
    [InlineData("1e3", "usage_records[0].usage_value")]
    public void UsagePush_rejects_bad_usage_values(string value, string field)
    {
        var record = UsageRecord.Create("i", DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch, 1m, "sn", DateTimeOffset.UnixEpoch) with { UsageValue = value };

        Assert.Equal(field, MessageValidator.Validate(new UsagePushRequest { UsageRecords = [record] })?.Field);
    }

    [Fact]
    public void UsagePush_limits_records_and_times()
    {
        var record = UsageRecord.Create("i", DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch, 1m, "sn", DateTimeOffset.UnixEpoch);

        Assert.Equal(new FieldError("usage_records", "has more than 1000 entries"),
            MessageValidator.Validate(new UsagePushRequest { UsageRecords = [.. Enumerable.Repeat(record, 1001)] }));
        Assert.Equal(new FieldError("usage_records", "must not be empty"), MessageValidator.Validate(new UsagePushRequest()));
        Assert.Equal("usage_records[0].begin_time",
            MessageValidator.Validate(new UsagePushRequest { UsageRecords = [record with { BeginTime = "20220809080000" }] })?.Field);
    }

    [Fact]
    public void UsagePush_response_reads_error_code_and_message()
    {
        var response = KooJson.Deserialize<OpenApiResponse>("""{"error_code":"MKT.9004","error_msg":"Record beginTime extends Limit."}""")!;

        Assert.Equal("MKT.9004", response.ErrorCode);
        Assert.Equal("Record beginTime extends Limit.", response.ErrorMsg);
    }

    private static void AssertSortedEverywhere(JsonElement element)
    {
        if (element.ValueKind == JsonValueKind.Object)
        {
            var names = element.EnumerateObject().Select(p => p.Name).ToArray();
            Assert.Equal(names.Order(StringComparer.Ordinal), names);
            foreach (var property in element.EnumerateObject())
            {
                AssertSortedEverywhere(property.Value);
            }
        }
        else if (element.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in element.EnumerateArray())
            {
                AssertSortedEverywhere(item);
            }
        }
    }
}

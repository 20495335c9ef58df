using System.Text;
using System.Text.Json;
using KooGate.Protocol.Messages;
using KooGate.Protocol.Validation;

namespace KooGate.Protocol.Tests.Messages;

public class SaasV2MessageTests
{
    [Fact] // saas-v2.md §2.2.2: the doc body is compact and key-sorted, so it must survive a round trip byte for byte
    public void NewInstance_doc_body_round_trips_exactly()
    {
        Assert.True(ProduceRequestParser.TryParse<NewInstanceRequest>(Encoding.UTF8.GetBytes(SpecVectors.NewInstanceBody), out var request, out var error), error?.ToString());

        Assert.Equal("87b94795-0603-4e24-8ae5-69420d60e3c8", request.BusinessId);
        Assert.Equal("CS2211181819B4LVS", request.OrderId);
        Assert.Equal("CS2211181819B4LVS-000001", request.OrderLineId);
        Assert.True(request.IsTest);
        Assert.Equal(SpecVectors.NewInstanceBody, KooJson.Serialize(request));
    }

    [Fact]
    public void NewInstance_built_in_code_serialises_without_absent_testFlag()
    {
        var request = new NewInstanceRequest { BusinessId = "b", OrderId = "o", OrderLineId = "o-1" };

        Assert.Equal("""{"activity":"newInstance","businessId":"b","orderId":"o","orderLineId":"o-1"}""", KooJson.Serialize(request));
        Assert.False(request.IsTest);
    }

    [Fact] // saas-v2.md §3.3: the example sends a 17-digit expireTime although the table says 14
    public void RefreshInstance_accepts_the_17_digit_doc_expireTime()
    {
        const string body = """{"activity":"refreshInstance","expireTime":"20221124023618256","instanceId":"ins-1","orderId":"CS2211240236XXXX","orderLineId":"CS2211240236XXXX-000001","productId":"00301-1234-0--0","scene":"RENEWAL","testFlag":"1"}""";

        Assert.True(ProduceRequestParser.TryParse<RefreshInstanceRequest>(Encoding.UTF8.GetBytes(body), out var request, out var error), error?.ToString());
        Assert.Equal(RefreshScenes.Renewal, request.Scene);
        Assert.True(request.TryGetExpireTime(out var expire));
        Assert.Equal(new DateTimeOffset(2022, 11, 24, 2, 36, 18, 256, TimeSpan.Zero), expire);
        Assert.Equal(body, KooJson.Serialize(request));
    }

    [Theory]
    [InlineData(RefreshScenes.TrialToFormal)]
    [InlineData(RefreshScenes.Renewal)]
    [InlineData(RefreshScenes.UnsubscribeRenewalPeriod)]
    [InlineData(RefreshScenes.RenewalChange)]
    public void RefreshInstance_accepts_every_documented_scene(string scene)
    {
        var request = new RefreshInstanceRequest
        {
            ExpireTime = "20250101000000",
            InstanceId = "i",
            OrderId = "o",
            OrderLineId = "o-1",
            Scene = scene,
        };

        Assert.Null(MessageValidator.Validate(request));
    }

    [Fact] // saas-v2.md §3.2: up to 100 ids; the String(100) limit is not enforced
    public void QueryInstance_accepts_100_ids_of_64_characters_and_splits_them()
    {
        var ids = Enumerable.Range(0, 100).Select(i => i.ToString("D64", System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        var body = $$"""{"activity":"queryInstance","instanceId":"{{string.Join(',', ids)}}"}""";

        Assert.True(ProduceRequestParser.TryParse<QueryInstanceRequest>(Encoding.UTF8.GetBytes(body), out var request, out var error), error?.ToString());
        Assert.Equal(ids, request.GetInstanceIds());
    }

    [Theory]
    [InlineData(101, 10)]
    [InlineData(2, 65)]
    public void QueryInstance_rejects_too_many_or_too_long_ids(int count, int length)
    {
        var request = new QueryInstanceRequest { InstanceId = string.Join(',', Enumerable.Repeat(new string('a', length), count)) };

        var error = MessageValidator.Validate(request);

        Assert.NotNull(error);
        Assert.Equal("instanceId", error.Field);
        Assert.Contains("comma-separated", error.Problem, StringComparison.Ordinal);
    }

    [Theory] // saas-v2.md §3.7: productInfo as an object or as a string holding one
    [InlineData("""{"skuCode":"sku-2","productId":"p-2","linearValue":20,"extra":"kept"}""")]
    [InlineData("\"{\\\"skuCode\\\":\\\"sku-2\\\",\\\"productId\\\":\\\"p-2\\\",\\\"linearValue\\\":\\\"20\\\",\\\"extra\\\":\\\"kept\\\"}\"")]
    public void ChangeInstanceCheck_reads_productInfo_as_object_or_string(string productInfo)
    {
        var body = $$"""{"activity":"changeInstanceCheck","instanceId":"ins-1","productInfo":{{productInfo}},"testFlag":"1"}""";

        Assert.True(ProduceRequestParser.TryParse<ChangeInstanceCheckRequest>(Encoding.UTF8.GetBytes(body), out var request, out var error), error?.ToString());
        Assert.True(request.TryGetProductInfo(out var info));
        Assert.Equal("sku-2", info.SkuCode);
        Assert.Equal("p-2", info.ProductId);
        Assert.Equal(20m, info.LinearValue);
        Assert.Equal("kept", info.ExtensionData!["extra"].GetString());
    }

    [Theory]
    [InlineData("42")]
    [InlineData("\"not json\"")]
    [InlineData("[1,2]")]
    public void ChangeInstanceCheck_rejects_productInfo_that_is_no_object(string productInfo)
    {
        var body = $$"""{"activity":"changeInstanceCheck","instanceId":"ins-1","productInfo":{{productInfo}}}""";

        Assert.False(ProduceRequestParser.TryParse<ChangeInstanceCheckRequest>(Encoding.UTF8.GetBytes(body), out _, out var error));
        Assert.Equal("productInfo", error.Field);
    }

    [Fact]
    public void ChangeInstanceCheck_writes_productInfo_as_an_object()
    {
        var request = new ChangeInstanceCheckRequest
        {
            InstanceId = "ins-1",
            ProductInfo = new ChangeProductInfo { SkuCode = "sku", ProductId = "p", LinearValue = 5 }.ToJsonElement(),
        };

        Assert.Equal(
            """{"activity":"changeInstanceCheck","instanceId":"ins-1","productInfo":{"linearValue":5,"productId":"p","skuCode":"sku"}}""",
            KooJson.Serialize(request));
    }

    [Fact]
    public void Other_v2_activities_parse_their_documented_fields()
    {
        Assert.True(ProduceRequestParser.TryParse<UpdateInstanceStatusRequest>(
            """{"activity":"updateInstanceStatus","instanceId":"i1","status":"FREEZE","testFlag":"1"}"""u8, out var status, out _));
        Assert.Equal(InstanceStatuses.Freeze, status.Status);

        Assert.True(ProduceRequestParser.TryParse<ReleaseInstanceRequest>(
            """{"activity":"releaseInstance","instanceId":"i1"}"""u8, out var release, out _));
        Assert.Null(release.OrderId);

        Assert.True(ProduceRequestParser.TryParse<UpgradeInstanceRequest>(
            """{"activity":"upgradeInstance","instanceId":"i1","orderId":"o2","orderLineId":"o2-1"}"""u8, out var upgrade, out _));
        Assert.Equal("o2", upgrade.OrderId);

        Assert.True(ProduceRequestParser.TryParse<OrderNotifyRequest>(
            """{"activity":"orderNotify","orderId":"CS2211181819B4LVS","orderLineId":"CS2211181819B4LVS-000001","testFlag":"1"}"""u8, out var notify, out _));
        Assert.True(notify.IsTest);
    }

    [Fact] // saas-v2.md §2.4: the Body-Sign example body
    public void NewInstanceResponse_omits_null_fields_and_matches_the_doc_body()
    {
        var response = NewInstanceResponse.From(ResultCode.Success, "87b94795-0603-4e24-8ae5-69420d60e3c8");

        Assert.Equal(
            """{"resultCode":"000000","resultMsg":"success.","instanceId":"87b94795-0603-4e24-8ae5-69420d60e3c8"}""",
            KooJson.Serialize(response));
    }

    [Fact]
    public void ProduceResponse_from_a_result_code()
    {
        Assert.Equal("""{"resultCode":"000000","resultMsg":"success."}""", KooJson.Serialize(ProduceResponse.From(ResultCode.Success)));
        Assert.Equal("""{"resultCode":"000004","resultMsg":"request is processing"}""", KooJson.Serialize(ProduceResponse.From(ResultCode.Processing)));
    }

    [Fact] // saas-v2.md §2.5: non-ASCII in memo as \uXXXX
    public void QueryInstanceResponse_escapes_non_ascii_memo_and_round_trips()
    {
        var response = QueryInstanceResponse.From(ResultCode.Success,
        [
            new InstanceInfo
            {
                InstanceId = "ins-1",
                AppInfo = new AppInfo { FrontEndUrl = "https://app.example.com", UserName = "admin", Password = "Pa55", Memo = "中文" },
                UsageInfo = [new UsageInfo { UsageValue = 12.5m, StatisticalTime = "20240101000000000" }],
            },
        ]);

        var json = KooJson.Serialize(response);

        Assert.Contains("""
            "memo":"\u4E2D\u6587"
            """, json, StringComparison.Ordinal);
        Assert.Contains("\"usageValue\":12.5,", json, StringComparison.Ordinal);
        Assert.DoesNotContain("adminUrl", json, StringComparison.Ordinal);
        var back = KooJson.Deserialize<QueryInstanceResponse>(json)!;
        Assert.Equal("中文", back.Info![0].AppInfo!.Memo);
        Assert.Equal(12.5m, back.Info[0].UsageInfo![0].UsageValue);
        Assert.Null(MessageValidator.Validate(back));
    }

    [Fact] // saas-v2.md §5: the debugger checks usageValue and statisticalTime inside UsageInfo
    public void QueryInstanceResponse_reports_nested_usage_problems_by_path()
    {
        var missingTime = QueryInstanceResponse.From(ResultCode.Success,
            [new InstanceInfo { InstanceId = "i", UsageInfo = [new UsageInfo { UsageValue = 1m, StatisticalTime = null! }] }]);
        var tooPrecise = QueryInstanceResponse.From(ResultCode.Success,
            [new InstanceInfo { InstanceId = "i", UsageInfo = [new UsageInfo { UsageValue = 1.23456m, StatisticalTime = "20240101000000000" }] }]);

        Assert.Equal(new FieldError("info[0].usageInfo[0].statisticalTime", "is missing"), MessageValidator.Validate(missingTime));
        Assert.Equal("info[0].usageInfo[0].usageValue", MessageValidator.Validate(tooPrecise)?.Field);
    }

    [Fact]
    public void AppInfo_frontEndUrl_is_mandatory_and_limited_to_512()
    {
        var missing = new NewInstanceResponse { ResultCode = "000000", InstanceId = "i", AppInfo = new AppInfo { FrontEndUrl = "" } };
        var tooLong = missing with { AppInfo = new AppInfo { FrontEndUrl = "https://" + new string('a', 505) } };

        Assert.Equal(new FieldError("appInfo.frontEndUrl", "is missing"), MessageValidator.Validate(missing));
        Assert.Equal(new FieldError("appInfo.frontEndUrl", "is longer than 512 characters"), MessageValidator.Validate(tooLong));
    }

    [Fact]
    public void Response_resultCode_must_be_six_digits()
    {
        Assert.Equal("resultCode", MessageValidator.Validate(new ProduceResponse { ResultCode = "0" })?.Field);
        Assert.Null(MessageValidator.Validate(ProduceResponse.From(ResultCode.InternalError)));
    }

    [Fact]
    public void Parsed_message_keeps_JsonElement_alive_after_the_body_buffer_is_gone()
    {
        ChangeInstanceCheckRequest? request;
        {
            var body = Encoding.UTF8.GetBytes("""{"activity":"changeInstanceCheck","instanceId":"i","productInfo":{"skuCode":"s"}}""");
            Assert.True(ProduceRequestParser.TryParse(body, out request, out _));
            Array.Clear(body);
        }

        Assert.Equal(JsonValueKind.Object, request.ProductInfo!.Value.ValueKind);
        Assert.True(request.TryGetProductInfo(out var info));
        Assert.Equal("s", info.SkuCode);
    }
}

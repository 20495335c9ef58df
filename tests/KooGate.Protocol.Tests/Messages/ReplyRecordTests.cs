using KooGate.Protocol.Messages;

namespace KooGate.Protocol.Tests.Messages;

/// <summary>
/// The server writes every production-interface reply from these records and the emulator and conformance runner read
/// replies through them: the bytes (over which <c>Body-Sign</c> is computed) keep the documented field order.
/// </summary>
public sealed class ReplyRecordTests
{
    [Fact]
    public void A_V1_query_reply_is_written_in_the_documented_order_and_reads_back_to_the_same_bytes()
    {
        var reply = new QueryInstanceResponse
        {
            EncryptType = EncryptTypes.Aes256,
            Info =
            [
                new InstanceInfo
                {
                    InstanceId = "i1",
                    AppInfo = new AppInfo { FrontEndUrl = "https://app.example.com", UserName = "u", Memo = "备注" },
                    UsageInfo = [new UsageInfo { UsageValue = 1.5m, StatisticalTime = "20260101000000000" }],
                },
            ],
        }.WithResult(ResultCode.Success);

        var json = KooJson.Serialize(reply);

        Assert.Equal(
            """{"resultCode":"000000","resultMsg":"success.","encryptType":"1","info":[{"instanceId":"i1","appInfo":{"frontEndUrl":"https://app.example.com","userName":"u","memo":"\u5907\u6CE8"},"usageInfo":[{"usageValue":1.5,"statisticalTime":"20260101000000000"}]}]}""",
            json);
        var back = KooJson.Deserialize<QueryInstanceResponse>(json)!;
        Assert.Equal("备注", back.Info![0].AppInfo!.Memo);
        Assert.Equal(json, KooJson.Serialize(back));
    }

    [Fact]
    public void WithResult_stamps_the_code_and_keeps_the_fields()
    {
        var processing = new NewInstanceResponse { InstanceId = "i1" }.WithResult(ResultCode.Processing);
        var license = new GetLicenseResponse { InstanceId = "i2", License = "L" }.WithResult(ResultCode.Success.WithMessage("ok"));

        Assert.Equal("""{"resultCode":"000004","resultMsg":"request is processing","instanceId":"i1"}""", KooJson.Serialize(processing));
        Assert.Equal("""{"resultCode":"000000","resultMsg":"ok","instanceId":"i2","license":"L"}""", KooJson.Serialize(license));
        Assert.Equal("""{"resultCode":"000003","resultMsg":"instance is invalid"}""", KooJson.Serialize(ProduceResponse.From(ResultCode.InstanceNotFound)));
    }
}

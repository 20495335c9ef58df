using System.Text;
using KooGate.Server.Outbox;

namespace KooGate.Server.Tests.Outbox;

public sealed class WebhookSignatureTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeSeconds(1_763_000_000);
    private static readonly byte[] Body = Encoding.UTF8.GetBytes("""{"id":"e1","type":"instance.created","data":{"orderId":"订单"}}""");

    [Fact]
    public void Signature_is_hex_hmac_of_timestamp_dot_body()
    {
        var expected = Convert.ToHexStringLower(System.Security.Cryptography.HMACSHA256.HashData(
            Encoding.UTF8.GetBytes("s3cret"), (byte[])[.. Encoding.UTF8.GetBytes("1763000000."), .. Body]));
        Assert.Equal($"t=1763000000,v1={expected}", WebhookSignature.Header("s3cret", 1_763_000_000, Body));
    }

    [Fact]
    public void Verify_rejects_tampering_stale_time_and_garbage()
    {
        var header = WebhookSignature.Header("s3cret", Now.ToUnixTimeSeconds(), Body);
        var tolerance = TimeSpan.FromMinutes(5);
        Assert.True(WebhookSignature.Verify("s3cret", header, Body, Now.AddMinutes(4), tolerance));
        Assert.False(WebhookSignature.Verify("s3cret", header, [.. Body, (byte)' '], Now, tolerance));
        Assert.False(WebhookSignature.Verify("s3cret", header, Body, Now.AddMinutes(6), tolerance));
        Assert.False(WebhookSignature.Verify("s3cret", header.Replace("t=1", "t=2", StringComparison.Ordinal), Body, Now, tolerance));
        Assert.False(WebhookSignature.Verify("s3cret", "t=99999999999999999999,v1=00", Body, Now, tolerance));
        Assert.False(WebhookSignature.Verify("s3cret", "garbage", Body, Now, tolerance));
        Assert.False(WebhookSignature.Verify("s3cret", null, Body, Now, tolerance));
    }

    [Fact]
    public void Any_v1_entry_may_match_during_secret_rotation()
    {
        var t = Now.ToUnixTimeSeconds();
        var header = $"t={t},v1={WebhookSignature.Compute("old", t, Body)},v1={WebhookSignature.Compute("new", t, Body)}";
        Assert.True(WebhookSignature.Verify("new", header, Body, Now, TimeSpan.FromMinutes(5)));
        Assert.True(WebhookSignature.Verify("old", header, Body, Now, TimeSpan.FromMinutes(5)));
    }
}

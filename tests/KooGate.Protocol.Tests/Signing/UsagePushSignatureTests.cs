using System.Text;
using KooGate.Protocol.Signing;

namespace KooGate.Protocol.Tests.Signing;

public class UsagePushSignatureTests
{
    private const string Body = """{"usage_records":[{"begin_time":"20220809T080000Z","end_time":"20220809T090000Z","instance_id":"7f141bf1-aec8-4859-8323-fb3a8ad50721","metering_sn":"sn-0001","record_time":"20220809T091000Z","usage_value":"99"}]}""";

    [Fact] // saas-v1-and-joint.md §2.9
    public void Signature_matches_spec_vector() =>
        Assert.Equal("fGAXw8HsUw4Q5rd+mx1zhQuHgKolgCzBqCKATyF0QFM=",
            UsagePushSignature.Compute("test-access-key-0001", "1709690865879", "6c63c221-1f6b-4141-8ff4-22f5dfe82b65", Body));

    [Fact]
    public void Verify_checks_signature_window_and_body()
    {
        var now = DateTimeOffset.FromUnixTimeMilliseconds(1709690865879);
        var sig = UsagePushSignature.Compute("k", "1709690865879", "n", Body);
        Assert.True(UsagePushSignature.Verify(["k"], sig, "1709690865879", "n", Encoding.UTF8.GetBytes(Body), now, TimeSpan.FromMinutes(5)).IsValid);
        Assert.False(UsagePushSignature.Verify(["k"], sig, "1709690865879", "n", Encoding.UTF8.GetBytes(Body + " "), now, TimeSpan.FromMinutes(5)).IsValid);
        Assert.Equal(SignatureVerdict.TimestampOutsideWindow,
            UsagePushSignature.Verify(["k"], sig, "1709690865879", "n", Encoding.UTF8.GetBytes(Body), now.AddHours(1), TimeSpan.FromMinutes(5)).Verdict);
    }
}

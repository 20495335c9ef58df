using System.Text;
using KooGate.Protocol.Signing;
using static KooGate.Protocol.Tests.SpecVectors;

namespace KooGate.Protocol.Tests.Signing;

public class KitSignatureTests
{
    private static readonly byte[] Body = Encoding.UTF8.GetBytes(TenantSyncBody);

    [Fact] // saas-v2.md §2.3
    public void X_sign_matches_spec_vector() =>
        Assert.Equal("0A1F9C33F239CDAEFDBAFB7FF518F1D479BAD40C7CE66B48D535471FF95072D5",
            KitSignature.Compute(TestAccessKey, Nonce, Timestamp, Body), ignoreCase: true);

    [Fact] // saas-v1-and-joint.md §2.9
    public void X_sign_matches_joint_spec_vector() =>
        Assert.Equal("60e5e9fc564b93105f92d99813cf10ef2aedda63299b9030226565fbad15a8e9",
            KitSignature.Compute(TestKey0001, Nonce, Timestamp, Body));

    [Fact] // README decision 4: the payload itself, not its HMAC
    public void Kit_signature_differs_from_basic_signature() =>
        Assert.NotEqual(V2Signature.Compute(TestAccessKey, Nonce, Timestamp, Body), KitSignature.Compute(TestAccessKey, Nonce, Timestamp, Body));

    [Fact]
    public void Verify_accepts_valid_and_rejects_tampered_body()
    {
        var sign = KitSignature.Compute(TestAccessKey, Nonce, Timestamp, Body);
        Assert.True(KitSignature.Verify([TestAccessKey], sign.ToUpperInvariant(), Timestamp, Nonce, Body, TimestampInstant).IsValid);
        var tampered = Encoding.UTF8.GetBytes(TenantSyncBody.Replace("\"flag\":1", "\"flag\":0", StringComparison.Ordinal));
        Assert.Equal(SignatureVerdict.BadSignature, KitSignature.Verify([TestAccessKey], sign, Timestamp, Nonce, tampered, TimestampInstant).Verdict);
    }

    [Fact]
    public void Stale_timestamp_is_rejected()
    {
        var sign = KitSignature.Compute(TestAccessKey, Nonce, Timestamp, Body);
        Assert.Equal(SignatureVerdict.TimestampOutsideWindow,
            KitSignature.Verify([TestAccessKey], sign, Timestamp, Nonce, Body, TimestampInstant.AddMinutes(5)).Verdict);
    }

    [Fact]
    public void Unsorted_body_verifies_through_canonical_fallback()
    {
        const string unsorted = """{"tenantId":"68cbc86abc2018ab880d92f36422fa0e","flag":1,"instanceId":"huaiweitest123456","name":"huaiweitest","orderId":"CS1906666666ABCDE","tenantCode":"huawei","domainName":"https://example.tenantaccount.com","testFlag":0,"timeStamp":"20220413093539534"}""";
        var sign = KitSignature.Compute(TestAccessKey, Nonce, Timestamp, Body);
        var check = KitSignature.Verify([TestAccessKey], sign, Timestamp, Nonce, Encoding.UTF8.GetBytes(unsorted), TimestampInstant);
        Assert.True(check.IsValid);
        Assert.Equal(PayloadVariant.Canonical, check.Variant);
    }
}

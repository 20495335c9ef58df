using System.Text;
using KooGate.Protocol.Signing;
using static KooGate.Protocol.Tests.SpecVectors;

namespace KooGate.Protocol.Tests.Signing;

public class V2SignatureTests
{
    private static readonly byte[] Body = Encoding.UTF8.GetBytes(NewInstanceBody);

    [Fact] // saas-v2.md §2.2.2
    public void Inner_hash_matches_spec_vector() =>
        Assert.Equal("9d7fe05c22e8bc1d70841bace6c549b523dcb77a8aa61dc0118708bf14269c0e", V2Signature.InnerHash(TestAccessKey, Body));

    [Fact] // saas-v2.md §2.2.2
    public void Signature_matches_spec_vector() =>
        Assert.Equal("CD8D59BB7FCF7574752B5EB0ED04B3ACF4A759DA53F24D30A79ABE45C5D1BA25",
            V2Signature.Compute(TestAccessKey, Nonce, Timestamp, Body), ignoreCase: true);

    [Fact] // saas-v1-and-joint.md §2.9
    public void Signature_matches_joint_spec_vector() =>
        Assert.Equal("c506f4221ec15f98c40b8a5d5065d8b815a2c5596cf4421382088b5652565458",
            V2Signature.Compute(TestKey0001, Nonce, Timestamp, Body));

    [Fact] // license-order-openapi.md §A.3 (orderNotify)
    public void Order_notify_signature_matches_spec_vector()
    {
        const string body = """{"activity":"orderNotify","orderId":"CS2211181819B4LVS","orderLineId":"CS2211181819B4LVS-000001","testFlag":"1"}""";
        Assert.Equal("209d279fe0e90fe75638fa976c3e6d079dbd5d9225156a79b2794cbff6f23d73", V2Signature.InnerHash("testkey123", Encoding.UTF8.GetBytes(body)));
        Assert.Equal("77D35B6756866B1280EE58C45C59890E25CF0C41BC92B410A8CD4606890F09B5",
            V2Signature.Compute("testkey123", "Of4lsV7H1qrzVDI52O5CFk2ofPcZRaA6", "1729566664115", body), ignoreCase: true);
    }

    [Fact] // README decision 2: an unkeyed SHA-256 inner hash is never accepted
    public void Unkeyed_inner_hash_variant_is_rejected()
    {
        const string body = """{"activity":"orderNotify","orderId":"CS2211181819B4LVS","orderLineId":"CS2211181819B4LVS-000001","testFlag":"1"}""";
        var check = V2Signature.Verify(["testkey123"], "68BA8C58252A853B8C808A4B1ABBEFDE3A73090643606125BE0D51593EE91534",
            "1729566664115", "Of4lsV7H1qrzVDI52O5CFk2ofPcZRaA6", Encoding.UTF8.GetBytes(body),
            DateTimeOffset.FromUnixTimeMilliseconds(1729566664115));
        Assert.Equal(SignatureVerdict.BadSignature, check.Verdict);
        Assert.Equal("000001", check.Code.Code);
    }

    [Theory]
    [InlineData("CD8D59BB7FCF7574752B5EB0ED04B3ACF4A759DA53F24D30A79ABE45C5D1BA25")]
    [InlineData("cd8d59bb7fcf7574752b5eb0ed04b3acf4a759da53f24d30a79abe45c5d1ba25")]
    public void Verify_accepts_either_case(string signature)
    {
        var check = V2Signature.Verify([TestAccessKey], signature, Timestamp, Nonce, Body, TimestampInstant);
        Assert.True(check.IsValid);
        Assert.Equal(PayloadVariant.RawBody, check.Variant);
    }

    [Fact]
    public void Tampered_body_is_rejected_with_000001()
    {
        var tampered = Encoding.UTF8.GetBytes(NewInstanceBody.Replace("CS2211181819B4LVS\"", "CS2211181819B4LVT\"", StringComparison.Ordinal));
        var check = V2Signature.Verify([TestAccessKey], V2Signature.Compute(TestAccessKey, Nonce, Timestamp, Body), Timestamp, Nonce, tampered, TimestampInstant);
        Assert.Equal(SignatureVerdict.BadSignature, check.Verdict);
        Assert.Equal("000001", check.Code.Code);
    }

    [Fact]
    public void Wrong_key_is_rejected() =>
        Assert.Equal(SignatureVerdict.BadSignature,
            V2Signature.Verify(["otherKey"], V2Signature.Compute(TestAccessKey, Nonce, Timestamp, Body), Timestamp, Nonce, Body, TimestampInstant).Verdict);

    [Fact]
    public void Previous_key_still_verifies_during_rotation()
    {
        var check = V2Signature.Verify(["newKey", TestAccessKey], V2Signature.Compute(TestAccessKey, Nonce, Timestamp, Body), Timestamp, Nonce, Body, TimestampInstant);
        Assert.True(check.IsValid);
        Assert.Equal(1, check.KeyIndex);
    }

    [Theory]
    [InlineData(61)]
    [InlineData(-61)]
    public void Timestamp_outside_60_seconds_on_either_side_is_rejected_with_000002(int offsetSeconds)
    {
        var signature = V2Signature.Compute(TestAccessKey, Nonce, Timestamp, Body);
        var check = V2Signature.Verify([TestAccessKey], signature, Timestamp, Nonce, Body, TimestampInstant.AddSeconds(offsetSeconds));
        Assert.Equal(SignatureVerdict.TimestampOutsideWindow, check.Verdict);
        Assert.Equal("000002", check.Code.Code);
    }

    [Theory]
    [InlineData(59)]
    [InlineData(-59)]
    public void Timestamp_inside_window_is_accepted(int offsetSeconds)
    {
        var signature = V2Signature.Compute(TestAccessKey, Nonce, Timestamp, Body);
        Assert.True(V2Signature.Verify([TestAccessKey], signature, Timestamp, Nonce, Body, TimestampInstant.AddSeconds(offsetSeconds)).IsValid);
    }

    [Theory]
    [InlineData(null, Timestamp, Nonce, SignatureVerdict.MissingSignature, "000001")]
    [InlineData("abc", Timestamp, Nonce, SignatureVerdict.BadSignature, "000001")]
    [InlineData("zz", Timestamp, Nonce, SignatureVerdict.BadSignature, "000001")]
    [InlineData("x", null, Nonce, SignatureVerdict.MissingTimestamp, "000002")]
    [InlineData("x", "16805080666xx", Nonce, SignatureVerdict.MalformedTimestamp, "000002")]
    [InlineData("x", "-1", Nonce, SignatureVerdict.MalformedTimestamp, "000002")]
    [InlineData("x", "99999999999999999999999", Nonce, SignatureVerdict.MalformedTimestamp, "000002")]
    [InlineData("x", Timestamp, "", SignatureVerdict.MissingNonce, "000002")]
    public void Missing_or_malformed_parts_map_to_their_result_codes(string? signature, string? timestamp, string? nonce, SignatureVerdict verdict, string code)
    {
        var check = V2Signature.Verify([TestAccessKey], signature, timestamp, nonce, Body, TimestampInstant);
        Assert.Equal(verdict, check.Verdict);
        Assert.Equal(code, check.Code.Code);
    }

    [Fact] // README decision 2: canonical re-serialisation as fallback
    public void Reordered_pretty_printed_body_verifies_through_canonical_fallback()
    {
        const string pretty = """
            {
              "testFlag": "1",
              "orderLineId": "CS2211181819B4LVS-000001",
              "orderId": "CS2211181819B4LVS",
              "businessId": "87b94795-0603-4e24-8ae5-69420d60e3c8",
              "activity": "newInstance"
            }
            """;
        var signature = V2Signature.Compute(TestAccessKey, Nonce, Timestamp, Body);
        var check = V2Signature.Verify([TestAccessKey], signature, Timestamp, Nonce, Encoding.UTF8.GetBytes(pretty), TimestampInstant);
        Assert.True(check.IsValid);
        Assert.Equal(PayloadVariant.Canonical, check.Variant);
    }

    [Fact] // README decision 2: the fallback keeps every member that is present, a null included
    public void A_member_added_with_a_null_value_is_not_covered_by_the_canonical_fallback()
    {
        var signature = V2Signature.Compute(TestAccessKey, Nonce, Timestamp, Body);
        var withNull = Encoding.UTF8.GetString(Body).TrimEnd()[..^1] + ",\"testFlag\":null}";
        var added = Encoding.UTF8.GetString(Body).TrimEnd()[..^1] + ",\"extra\":null}";

        var duplicate = V2Signature.Verify([TestAccessKey], signature, Timestamp, Nonce, Encoding.UTF8.GetBytes(withNull), TimestampInstant);
        var extra = V2Signature.Verify([TestAccessKey], signature, Timestamp, Nonce, Encoding.UTF8.GetBytes(added), TimestampInstant);

        Assert.Equal((SignatureVerdict.DuplicateKey, "000001"), (duplicate.Verdict, duplicate.Code.Code));
        Assert.Equal((SignatureVerdict.BadSignature, "000001"), (extra.Verdict, extra.Code.Code));
    }

    [Fact]
    public void No_configured_key_fails_closed() =>
        Assert.Equal(SignatureVerdict.NoKeyConfigured,
            V2Signature.Verify([], "ab", Timestamp, Nonce, Body, TimestampInstant).Verdict);
}

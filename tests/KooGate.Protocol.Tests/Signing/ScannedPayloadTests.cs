using System.Text;
using KooGate.Protocol.Signing;
using static KooGate.Protocol.Tests.SpecVectors;

namespace KooGate.Protocol.Tests.Signing;

/// <summary>A payload scanned once reaches every verifier with its verdict: the scan is not repeated, nor skipped.</summary>
public class ScannedPayloadTests
{
    private static readonly byte[] Body = Encoding.UTF8.GetBytes(NewInstanceBody);
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(60);

    [Fact]
    public void A_scanned_body_verifies_exactly_as_the_raw_bytes_do()
    {
        var signature = V2Signature.Compute(TestAccessKey, Nonce, Timestamp, Body);
        var scanned = V2Signature.Verify([TestAccessKey], signature, Timestamp, Nonce, ScannedPayload.Json(Body), TimestampInstant, Window);
        var raw = V2Signature.Verify([TestAccessKey], signature, Timestamp, Nonce, Body, TimestampInstant, Window);
        Assert.Equal((SignatureVerdict.Valid, PayloadVariant.RawBody, 0), (scanned.Verdict, scanned.Variant, scanned.KeyIndex));
        Assert.Equal((raw.Verdict, raw.Variant, raw.KeyIndex), (scanned.Verdict, scanned.Variant, scanned.KeyIndex));
    }

    [Fact] // README decision 13, with the escaped spelling of the key
    public void Every_verifier_refuses_the_repeated_key_its_scan_found()
    {
        var repeated = Encoding.UTF8.GetBytes("{\"activity\":\"newInstance\",\"testFlag\":\"0\",\"t\\u0065stFlag\":\"1\"}");
        var payload = ScannedPayload.Json(repeated);
        var signature = V2Signature.Compute(TestAccessKey, Nonce, Timestamp, repeated);

        Assert.Equal("testFlag", payload.RepeatedKey);
        Assert.Equal(SignatureVerdict.DuplicateKey, V2Signature.Verify([TestAccessKey], signature, Timestamp, Nonce, payload, TimestampInstant, Window).Verdict);
        Assert.Equal(SignatureVerdict.DuplicateKey, KitSignature.Verify([TestAccessKey], signature, Timestamp, Nonce, payload, TimestampInstant, Window).Verdict);
        Assert.Equal(SignatureVerdict.DuplicateKey, AuthToken.VerifyKitBody([TestAccessKey], "token", payload).Verdict);
    }

    [Fact]
    public void A_scanned_query_refuses_a_repeated_parameter_name()
    {
        var query = ScannedPayload.Query("?activity=newInstance&testFlag=0&testFlag=1&authToken=x");
        Assert.Equal("testFlag", query.RepeatedKey);
        Assert.Equal(SignatureVerdict.DuplicateKey, AuthToken.VerifyQuery([TestAccessKey], query).Verdict);
    }

    [Fact]
    public void A_string_that_is_not_text_is_reported_by_the_scan()
    {
        var lone = Encoding.UTF8.GetBytes("{\"activity\":\"\\uD800\"}");
        Assert.True(ScannedPayload.Json(lone).HasUndecodableText);
        Assert.False(ScannedPayload.Json(Body).HasUndecodableText);
    }
}

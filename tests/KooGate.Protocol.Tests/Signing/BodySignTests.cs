using System.Text;
using KooGate.Protocol.Signing;
using static KooGate.Protocol.Tests.SpecVectors;

namespace KooGate.Protocol.Tests.Signing;

public class BodySignTests
{
    [Theory] // saas-v2.md §2.4, saas-v1-and-joint.md §2.9, license-order-openapi.md §A.2
    [InlineData(TestAccessKey, """{"resultCode":"000000","resultMsg":"success.","instanceId":"87b94795-0603-4e24-8ae5-69420d60e3c8"}""", "r/NSTxwkSUVMECRH0Z+MKSEg25pF7wlrkoeXL+Gd7Xc=")]
    [InlineData(TestKey0001, """{"resultCode":"000000","resultMsg":"success."}""", "MTRk2q83clWO4HHLQUfXiUtDjSMcNYXSL1bfbmtOrjc=")]
    [InlineData("testkey123", """{"resultCode":"000000","resultMsg":"success.","instanceId":"biz-0001","license":"LIC-ABC-123"}""", "DTc8OEYzkh8A18XhLq0phdQyBxU/8kdrZWv9EepIhe0=")]
    public void Signature_matches_spec_vectors(string key, string body, string expected)
    {
        Assert.Equal(expected, BodySign.ComputeSignature(key, Encoding.UTF8.GetBytes(body)));
        Assert.Equal($"sign_type=\"HMAC-SHA256\", signature=\"{expected}\"", BodySign.HeaderValue(key, Encoding.UTF8.GetBytes(body)));
    }

    [Fact]
    public void Verify_round_trips_and_accepts_the_spacings_sellers_send()
    {
        // README decision 6: signature="…", signature= "…" (Huawei's V1 demo) and no space after the comma.
        var body = Encoding.UTF8.GetBytes("""{"resultCode":"000000","resultMsg":"success."}""");
        var header = BodySign.HeaderValue("k", body);
        Assert.True(BodySign.Verify("k", header, body, BodySign.HeaderName));
        Assert.True(BodySign.Verify("k", header.Replace("signature=\"", "signature= \"", StringComparison.Ordinal), body));
        Assert.True(BodySign.Verify("k", header.Replace("\", signature=", "\",signature=", StringComparison.Ordinal), body, BodySign.HeaderName));
        Assert.False(BodySign.Verify("k", header.Replace("\", signature=", "\",  signature=", StringComparison.Ordinal), body));
    }

    [Fact]
    public void Exact_body_bytes_are_signed_including_whitespace()
    {
        var body = Encoding.UTF8.GetBytes("""{"resultCode":"000000","resultMsg":"success."}""");
        var header = BodySign.HeaderValue("k", body);
        Assert.False(BodySign.Verify("k", header, Encoding.UTF8.GetBytes("""{"resultCode":"000000","resultMsg":"success."} """)));
        Assert.False(BodySign.Verify("other", header, body));
    }

    [Theory] // saas-v2.md §5: wrong case or missing quotes fail KooGallery's checker
    [InlineData("Body-sign", "sign_type=\"HMAC-SHA256\", signature=\"{0}\"")]
    [InlineData("body-sign", "sign_type=\"HMAC-SHA256\", signature=\"{0}\"")]
    [InlineData("Body-Sign", "Sign_type=\"HMAC-SHA256\", signature=\"{0}\"")]
    [InlineData("Body-Sign", "sign_type=\"hmac-sha256\", signature=\"{0}\"")]
    [InlineData("Body-Sign", "sign_type=HMAC-SHA256, signature=\"{0}\"")]
    [InlineData("Body-Sign", "sign_type=\"HMAC-SHA256\", signature={0}")]
    public void Wrong_case_or_format_is_rejected(string name, string format)
    {
        var body = Encoding.UTF8.GetBytes("""{"resultCode":"000000","resultMsg":"success."}""");
        var value = string.Format(System.Globalization.CultureInfo.InvariantCulture, format, BodySign.ComputeSignature("k", body));
        Assert.False(BodySign.Verify("k", value, body, name));
    }

    [Fact]
    public void Header_line_splits_into_name_and_value()
    {
        Assert.Equal(("Body-Sign", "sign_type=\"HMAC-SHA256\", signature=\"x=\""), BodySign.SplitHeaderLine("Body-Sign: sign_type=\"HMAC-SHA256\", signature=\"x=\""));
        Assert.Equal((null, "sign_type=\"HMAC-SHA256\", signature=\"x=\""), BodySign.SplitHeaderLine("sign_type=\"HMAC-SHA256\", signature=\"x=\""));
    }
}

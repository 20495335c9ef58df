using KooGate.Server.Produce;

namespace KooGate.Server.Tests.Hardening;

/// <summary>Redaction skips the parse when no secret can be in the text, and never when one can.</summary>
public sealed class CallbackRedactionTests
{
    [Fact]
    public void A_body_without_secret_fields_is_kept_exactly_as_received()
    {
        const string body = "{ \"activity\": \"newInstance\",\n  \"orderId\": \"CS1906\" }";

        Assert.Same(body, CallbackRecorder.Redact(body));
    }

    [Theory]
    [InlineData("""{"activity":"x","PassWord":"secret"}""")]
    [InlineData("""{"activity":"x","pass\u0077ord":"secret"}""")]
    [InlineData("""{"activity":"x","userList":"[{\"mobile\":\"secret\"}]"}""")]
    [InlineData("""not JSON, "email": "secret" """)]
    public void A_secret_field_is_redacted_whatever_its_spelling(string body)
    {
        Assert.DoesNotContain("secret", CallbackRecorder.Redact(body), StringComparison.Ordinal);
    }
}

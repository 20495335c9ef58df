using System.Text.RegularExpressions;

namespace KooGate.Protocol.Signing;

/// <summary>
/// The <c>Body-Sign</c> response header (README decision 6; saas-v1-and-joint.md §2.3):
/// <c>sign_type="HMAC-SHA256", signature="&lt;Base64(HMAC-SHA256(Key, exact body bytes))&gt;"</c>.
/// The name is case-sensitive for KooGallery's checker and both values must be double-quoted.
/// </summary>
public static partial class BodySign
{
    public const string HeaderName = "Body-Sign";

    public static string ComputeSignature(string key, ReadOnlySpan<byte> body) =>
        Convert.ToBase64String(Hmac.Sha256(key, body));

    /// <summary>The full header value for a response body.</summary>
    public static string HeaderValue(string key, ReadOnlySpan<byte> body) =>
        $"sign_type=\"HMAC-SHA256\", signature=\"{ComputeSignature(key, body)}\"";

    /// <summary>
    /// Parses a header value. Accepts the three spacings sellers that passed the real marketplace send (README
    /// decision 6): <c>", signature="</c>, <c>", signature= "</c> (Huawei's V1 demo) and <c>",signature="</c>; rejects
    /// anything else (wrong case, missing quotes, other algorithm).
    /// </summary>
    public static bool TryParse(string? headerValue, out string signature)
    {
        signature = string.Empty;
        if (headerValue is null)
        {
            return false;
        }

        var match = HeaderPattern().Match(headerValue.Trim());
        if (!match.Success)
        {
            return false;
        }

        signature = match.Groups["sig"].Value;
        return true;
    }

    /// <summary>
    /// Verifies a received header against the exact body. <paramref name="headerName"/>, when given, must be exactly
    /// <c>Body-Sign</c> (a <c>Body-sign</c> header fails KooGallery's debugger).
    /// </summary>
    public static bool Verify(string key, string? headerValue, ReadOnlySpan<byte> body, string? headerName = null)
    {
        if (headerName is not null && !string.Equals(headerName, HeaderName, StringComparison.Ordinal))
        {
            return false;
        }

        return TryParse(headerValue, out var signature)
            && Hmac.TokenEquals(signature, ComputeSignature(key, body));
    }

    /// <summary>
    /// Splits <c>Name: value</c> into its two parts; a bare value yields a null name.
    /// </summary>
    public static (string? Name, string Value) SplitHeaderLine(string line)
    {
        var colon = line.IndexOf(':', StringComparison.Ordinal);
        var equals = line.IndexOf('=', StringComparison.Ordinal);
        if (colon > 0 && (equals < 0 || colon < equals))
        {
            return (line[..colon].Trim(), line[(colon + 1)..].Trim());
        }

        return (null, line.Trim());
    }

    [GeneratedRegex("""^sign_type="HMAC-SHA256", ?signature= ?"(?<sig>[A-Za-z0-9+/]*={0,2})"$""", RegexOptions.CultureInvariant)]
    private static partial Regex HeaderPattern();
}

using System.Text;

namespace KooGate.Protocol.Signing;

/// <summary>
/// The body signature of the usage-data push API (按需使用量推送(新), saas-v1-and-joint.md §2.7):
/// headers <c>signature</c>, <c>ts</c> (epoch ms), <c>nonce</c>, with
/// <c>signature = Base64(HMAC-SHA256(accessKey, "ts=" + ts + "&amp;nonce=" + nonce + "&amp;body=" + body))</c>,
/// body = the exact string sent (keys in ordinal order at every level).
/// </summary>
public static class UsagePushSignature
{
    public const string SignatureHeader = "signature";
    public const string TimestampHeader = "ts";
    public const string NonceHeader = "nonce";

    public static string StringToSign(string ts, string nonce, string body) => $"ts={ts}&nonce={nonce}&body={body}";

    public static string Compute(string accessKey, string ts, string nonce, string body) =>
        Convert.ToBase64String(Hmac.Sha256(accessKey, StringToSign(ts, nonce, body)));

    public static SignatureCheck Verify(
        IReadOnlyList<string> accessKeys, string? signature, string? ts, string? nonce, ReadOnlySpan<byte> body,
        DateTimeOffset now, TimeSpan window)
    {
        if (!TimedHmacSignature.Precheck(signature, ts, nonce, now, window, out var refused))
        {
            return refused;
        }

        var text = Encoding.UTF8.GetString(body);
        for (var i = 0; i < accessKeys.Count; i++)
        {
            if (Hmac.TokenEquals(signature, Compute(accessKeys[i], ts, nonce, text)))
            {
                return new SignatureCheck(SignatureVerdict.Valid, PayloadVariant.RawBody, i);
            }
        }

        return SignatureCheck.Fail(accessKeys.Count == 0 ? SignatureVerdict.NoKeyConfigured : SignatureVerdict.BadSignature);
    }
}

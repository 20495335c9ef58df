using System.Text;

namespace KooGate.Protocol.Signing;

/// <summary>
/// The Kit V2 <c>x-sign</c> header: <c>hex(HMAC(kitKey, kitKey + x-nonce + x-timestamp + payload))</c>, the payload
/// itself rather than its HMAC (README decision 4; saas-v2.md §2.3).
/// </summary>
public static class KitSignature
{
    public const string SignHeader = "x-sign";
    public const string TimestampHeader = "x-timestamp";
    public const string NonceHeader = "x-nonce";

    public static string Compute(string accessKey, string nonce, string timestamp, ReadOnlySpan<byte> payload) =>
        Hmac.LowerHex(Hmac.Sha256(accessKey, TimedHmacSignature.Concat(accessKey, nonce, timestamp, payload)));

    public static string Compute(string accessKey, string nonce, string timestamp, string payload) =>
        Compute(accessKey, nonce, timestamp, Encoding.UTF8.GetBytes(payload));

    /// <summary>
    /// The headers of a signed Kit call as KooGallery sends them: <c>x-sign</c> (hex, upper-case), <c>x-timestamp</c>,
    /// <c>x-nonce</c>. The one signer of the emulator, the load generator and the tests.
    /// </summary>
    public static KeyValuePair<string, string>[] SignedHeaders(string accessKey, string nonce, string timestamp, string payload) =>
    [
        new(SignHeader, Compute(accessKey, nonce, timestamp, payload).ToUpperInvariant()),
        new(TimestampHeader, timestamp),
        new(NonceHeader, nonce),
    ];

    public static SignatureCheck Verify(
        IReadOnlyList<string> accessKeys, string? sign, string? timestamp, string? nonce,
        ReadOnlySpan<byte> rawBody, DateTimeOffset now) =>
        Verify(accessKeys, sign, timestamp, nonce, rawBody, now, TimedHmacSignature.DefaultWindow);

    public static SignatureCheck Verify(
        IReadOnlyList<string> accessKeys, string? sign, string? timestamp, string? nonce,
        ReadOnlySpan<byte> rawBody, DateTimeOffset now, TimeSpan window) =>
        Verify(accessKeys, sign, timestamp, nonce, ScannedPayload.Json(rawBody.ToArray()), now, window);

    /// <summary>Over a body the caller has already scanned for repeated keys (<see cref="ScannedPayload"/>).</summary>
    public static SignatureCheck Verify(
        IReadOnlyList<string> accessKeys, string? sign, string? timestamp, string? nonce,
        ScannedPayload body, DateTimeOffset now, TimeSpan window) =>
        TimedHmacSignature.Verify(accessKeys, sign, timestamp, nonce, body, now, window,
            static (key, n, ts, payload) => Hmac.Sha256(key, TimedHmacSignature.Concat(key, n, ts, payload)));
}

using System.Text;

namespace KooGate.Protocol.Signing;

/// <summary>
/// The V2 basic-interface request signature sent as the <c>signature</c>, <c>timestamp</c> and <c>nonce</c> query
/// parameters (saas-v2.md §2.2; also License-code 2.0 and orderNotify, license-order-openapi.md §A.3):
/// <c>hex(HMAC(ak, ak + nonce + timestamp + lowerhex(HMAC(ak, payload))))</c> (README decision 2: the inner hash is keyed).
/// </summary>
public static class V2Signature
{
    public const string SignatureParameter = "signature";
    public const string TimestampParameter = "timestamp";
    public const string NonceParameter = "nonce";

    /// <summary>Lower-case hex of the keyed inner hash of the payload.</summary>
    public static string InnerHash(string accessKey, ReadOnlySpan<byte> payload) =>
        Hmac.LowerHex(Hmac.Sha256(accessKey, payload));

    /// <summary>The signature as lower-case hex (KooGallery itself sends upper case; compare case-insensitively).</summary>
    public static string Compute(string accessKey, string nonce, string timestamp, ReadOnlySpan<byte> payload) =>
        Hmac.LowerHex(ComputeBytes(accessKey, nonce, timestamp, payload));

    public static string Compute(string accessKey, string nonce, string timestamp, string payload) =>
        Compute(accessKey, nonce, timestamp, Encoding.UTF8.GetBytes(payload));

    /// <summary>
    /// The query string of a signed call as KooGallery sends it: <c>signature</c> (hex, upper-case as in the doc
    /// examples), <c>timestamp</c>, <c>nonce</c>. The one signer of the emulator, the load generator, the bench driver
    /// and the tests.
    /// </summary>
    public static string SignedQuery(string accessKey, string nonce, string timestamp, string payload) =>
        $"{SignatureParameter}={Compute(accessKey, nonce, timestamp, payload).ToUpperInvariant()}&{TimestampParameter}={timestamp}&{NonceParameter}={nonce}";

    /// <summary>Verifies with the default ±60 s window.</summary>
    public static SignatureCheck Verify(
        IReadOnlyList<string> accessKeys, string? signature, string? timestamp, string? nonce,
        ReadOnlySpan<byte> rawBody, DateTimeOffset now) =>
        Verify(accessKeys, signature, timestamp, nonce, rawBody, now, TimedHmacSignature.DefaultWindow);

    /// <summary>
    /// Verifies a request: timestamp present and within <paramref name="window"/> on either side of now, nonce
    /// present, and the signature matching one of the keys (current first, then a previous one during rotation)
    /// over the raw body, or else over the canonical re-serialisation. Nonce replay is the caller's store's job.
    /// </summary>
    public static SignatureCheck Verify(
        IReadOnlyList<string> accessKeys, string? signature, string? timestamp, string? nonce,
        ReadOnlySpan<byte> rawBody, DateTimeOffset now, TimeSpan window) =>
        TimedHmacSignature.Verify(accessKeys, signature, timestamp, nonce, rawBody, now, window, ComputeBytes);

    /// <summary>As above, over a body the caller has already scanned for repeated keys (<see cref="ScannedPayload"/>).</summary>
    public static SignatureCheck Verify(
        IReadOnlyList<string> accessKeys, string? signature, string? timestamp, string? nonce,
        ScannedPayload body, DateTimeOffset now, TimeSpan window) =>
        TimedHmacSignature.Verify(accessKeys, signature, timestamp, nonce, body, now, window, ComputeBytes);

    private static byte[] ComputeBytes(string accessKey, string nonce, string timestamp, byte[] payload) =>
        ComputeBytes(accessKey, nonce, timestamp, payload.AsSpan());

    private static byte[] ComputeBytes(string accessKey, string nonce, string timestamp, ReadOnlySpan<byte> payload)
    {
        var inner = Encoding.ASCII.GetBytes(InnerHash(accessKey, payload));
        return Hmac.Sha256(accessKey, TimedHmacSignature.Concat(accessKey, nonce, timestamp, inner));
    }
}

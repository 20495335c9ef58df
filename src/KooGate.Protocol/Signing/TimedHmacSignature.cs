using System.Diagnostics.CodeAnalysis;
using System.Text;
using KooGate.Protocol.Json;

namespace KooGate.Protocol.Signing;

/// <summary>
/// Shared verification of the two V2 schemes that sign <c>accessKey + nonce + timestamp + X</c>:
/// the basic-interface <c>signature</c> (X = HMAC of the payload) and the Kit <c>x-sign</c> (X = the payload).
/// </summary>
internal static class TimedHmacSignature
{
    /// <summary>The default ±60 s window (README decision 1).</summary>
    public static readonly TimeSpan DefaultWindow = TimeSpan.FromSeconds(60);

    public static SignatureCheck Verify(
        IReadOnlyList<string> keys,
        string? signature,
        string? timestamp,
        string? nonce,
        ReadOnlySpan<byte> rawBody,
        DateTimeOffset now,
        TimeSpan window,
        Func<string, string, string, byte[], byte[]> expected) =>
        Verify(keys, signature, timestamp, nonce, ScannedPayload.Json(rawBody.ToArray()), now, window, expected);

    public static SignatureCheck Verify(
        IReadOnlyList<string> keys,
        string? signature,
        string? timestamp,
        string? nonce,
        ScannedPayload body,
        DateTimeOffset now,
        TimeSpan window,
        Func<string, string, string, byte[], byte[]> expected)
    {
        // README decision 13: a repeated key is refused before anything else; a handler could read the other value.
        if (body.RepeatedKey is { } duplicate)
        {
            return SignatureCheck.Duplicate(duplicate);
        }

        if (!Precheck(signature, timestamp, nonce, now, window, out var refused))
        {
            return refused;
        }

        if (keys.Count == 0)
        {
            return SignatureCheck.Fail(SignatureVerdict.NoKeyConfigured);
        }

        var raw = body.Body;
        for (var i = 0; i < keys.Count; i++)
        {
            if (Hmac.HexEquals(signature, expected(keys[i], nonce, timestamp, raw)))
            {
                return new SignatureCheck(SignatureVerdict.Valid, PayloadVariant.RawBody, i);
            }
        }

        // README decision 2: if the raw bytes do not match, re-serialise canonically and try again.
        if (CanonicalJson.TryCanonicalize(raw, out var canonical) && !canonical.AsSpan().SequenceEqual(raw))
        {
            for (var i = 0; i < keys.Count; i++)
            {
                if (Hmac.HexEquals(signature, expected(keys[i], nonce, timestamp, canonical)))
                {
                    return new SignatureCheck(SignatureVerdict.Valid, PayloadVariant.Canonical, i);
                }
            }
        }

        return SignatureCheck.Fail(SignatureVerdict.BadSignature);
    }

    /// <summary>
    /// The checks every timed scheme makes before any HMAC: timestamp present, epoch milliseconds, inside the window;
    /// nonce and signature present. False with the refusal when one fails.
    /// </summary>
    public static bool Precheck(
        [NotNullWhen(true)] string? signature, [NotNullWhen(true)] string? timestamp, [NotNullWhen(true)] string? nonce,
        DateTimeOffset now, TimeSpan window, out SignatureCheck refused)
    {
        refused = string.IsNullOrEmpty(timestamp) ? SignatureCheck.Fail(SignatureVerdict.MissingTimestamp)
            : !KooTime.TryParseEpochMilliseconds(timestamp, out var sent) ? SignatureCheck.Fail(SignatureVerdict.MalformedTimestamp)
            : (now - sent).Duration() > window ? SignatureCheck.Fail(SignatureVerdict.TimestampOutsideWindow)
            : string.IsNullOrEmpty(nonce) ? SignatureCheck.Fail(SignatureVerdict.MissingNonce)
            : string.IsNullOrEmpty(signature) ? SignatureCheck.Fail(SignatureVerdict.MissingSignature)
            : new SignatureCheck(SignatureVerdict.Valid, PayloadVariant.RawBody, -1);
        return refused.IsValid;
    }

    public static byte[] Concat(string accessKey, string nonce, string timestamp, ReadOnlySpan<byte> tail)
    {
        var head = Encoding.UTF8.GetBytes(accessKey + nonce + timestamp);
        var all = new byte[head.Length + tail.Length];
        head.CopyTo(all, 0);
        tail.CopyTo(all.AsSpan(head.Length));
        return all;
    }
}

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
        Func<string, string, string, byte[], byte[]> expected)
    {
        if (string.IsNullOrEmpty(timestamp))
        {
            return SignatureCheck.Fail(SignatureVerdict.MissingTimestamp);
        }

        if (!KooTime.TryParseEpochMilliseconds(timestamp, out var sent))
        {
            return SignatureCheck.Fail(SignatureVerdict.MalformedTimestamp);
        }

        if ((now - sent).Duration() > window)
        {
            return SignatureCheck.Fail(SignatureVerdict.TimestampOutsideWindow);
        }

        if (string.IsNullOrEmpty(nonce))
        {
            return SignatureCheck.Fail(SignatureVerdict.MissingNonce);
        }

        if (string.IsNullOrEmpty(signature))
        {
            return SignatureCheck.Fail(SignatureVerdict.MissingSignature);
        }

        if (keys.Count == 0)
        {
            return SignatureCheck.Fail(SignatureVerdict.NoKeyConfigured);
        }

        var raw = rawBody.ToArray();
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

    public static byte[] Concat(string accessKey, string nonce, string timestamp, ReadOnlySpan<byte> tail)
    {
        var head = Encoding.UTF8.GetBytes(accessKey + nonce + timestamp);
        var all = new byte[head.Length + tail.Length];
        head.CopyTo(all, 0);
        tail.CopyTo(all.AsSpan(head.Length));
        return all;
    }
}

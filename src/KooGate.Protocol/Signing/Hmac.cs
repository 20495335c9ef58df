using System.Security.Cryptography;
using System.Text;

namespace KooGate.Protocol.Signing;

/// <summary>HMAC-SHA256 with UTF-8 string keys, as every KooGallery scheme uses (keys are never hex/Base64-decoded).</summary>
internal static class Hmac
{
    public static byte[] Sha256(string key, ReadOnlySpan<byte> data) =>
        HMACSHA256.HashData(Encoding.UTF8.GetBytes(key), data);

    public static byte[] Sha256(string key, string data) => Sha256(key, Encoding.UTF8.GetBytes(data));

    public static string LowerHex(ReadOnlySpan<byte> bytes) => Convert.ToHexStringLower(bytes);

    /// <summary>Case-insensitive, constant-time comparison of a received hex signature with the expected bytes.</summary>
    public static bool HexEquals(string? received, ReadOnlySpan<byte> expected)
    {
        if (received is null || received.Length != expected.Length * 2)
        {
            return false;
        }

        Span<byte> buffer = stackalloc byte[64];
        var actual = expected.Length <= buffer.Length ? buffer[..expected.Length] : new byte[expected.Length];
        var status = Convert.FromHexString(received, actual, out _, out var written);
        return status == System.Buffers.OperationStatus.Done
            && written == expected.Length
            && CryptographicOperations.FixedTimeEquals(actual, expected);
    }

    /// <summary>Exact (case-sensitive), constant-time comparison of two ASCII tokens such as Base64 signatures.</summary>
    public static bool TokenEquals(string? received, string expected)
    {
        if (received is null)
        {
            return false;
        }

        var a = Encoding.UTF8.GetBytes(received);
        var b = Encoding.UTF8.GetBytes(expected);
        return CryptographicOperations.FixedTimeEquals(a, b);
    }
}

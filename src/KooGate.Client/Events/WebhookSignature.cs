using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace KooGate.Client.Events;

/// <summary>
/// The Standard Webhooks signature (https://www.standardwebhooks.com): <c>webhook-signature: v1,&lt;base64
/// HMAC-SHA256(key, id + "." + timestamp + "." + body)&gt;</c>, where the key is the Base64 part of a <c>whsec_</c>
/// secret. Several space-separated signatures are sent while secrets rotate; any one matching is enough.
/// </summary>
public static class WebhookSignature
{
    public const string IdHeader = "webhook-id";
    public const string TimestampHeader = "webhook-timestamp";
    public const string SignatureHeader = "webhook-signature";
    public const string SecretPrefix = "whsec_";

    /// <summary>The <c>webhook-signature</c> value: one <c>v1,…</c> per secret, space-separated.</summary>
    public static string Header(IEnumerable<string> secrets, string id, long unixSeconds, ReadOnlySpan<byte> body)
    {
        var parts = new List<string>();
        foreach (var secret in secrets)
        {
            parts.Add("v1," + Convert.ToBase64String(Compute(DecodeSecret(secret), id, unixSeconds, body)));
        }

        return string.Join(' ', parts);
    }

    /// <summary>The key bytes of a <c>whsec_&lt;base64&gt;</c> secret.</summary>
    /// <exception cref="FormatException">the secret is not <c>whsec_</c> followed by Base64.</exception>
    public static byte[] DecodeSecret(string secret)
    {
        ArgumentNullException.ThrowIfNull(secret);
        var encoded = secret.StartsWith(SecretPrefix, StringComparison.Ordinal) ? secret[SecretPrefix.Length..] : secret;
        var key = Convert.FromBase64String(encoded);
        return key.Length == 0 ? throw new FormatException("a webhook secret must not be empty") : key;
    }

    /// <summary>Whether <paramref name="secret"/> is <c>whsec_</c> and Base64 of 24 to 64 bytes (what the specification asks for).</summary>
    public static bool IsWellFormed(string? secret)
    {
        if (secret is null || !secret.StartsWith(SecretPrefix, StringComparison.Ordinal))
        {
            return false;
        }

        var buffer = new byte[secret.Length];
        return Convert.TryFromBase64String(secret[SecretPrefix.Length..], buffer, out var length) && length is >= 24 and <= 64;
    }

    /// <summary>A new random <c>whsec_</c> secret of 32 bytes.</summary>
    public static string NewSecret() => SecretPrefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    internal static byte[] Compute(byte[] key, string id, long unixSeconds, ReadOnlySpan<byte> body)
    {
        var prefix = Encoding.UTF8.GetBytes(id + "." + unixSeconds.ToString(CultureInfo.InvariantCulture) + ".");
        var message = new byte[prefix.Length + body.Length];
        prefix.CopyTo(message, 0);
        body.CopyTo(message.AsSpan(prefix.Length));
        return HMACSHA256.HashData(key, message);
    }
}

using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace KooGate.Server.Tests.License;

/// <summary>
/// An offline verifier written from docs/licenses.md alone, as the seller's software would: split the JWS compact
/// form, check the ES256 signature with the public key, then read the claims.
/// </summary>
internal static class LicenseDocument
{
    public static bool TryVerify(string license, string publicKeyPem, out JsonElement header, out JsonElement claims)
    {
        header = claims = default;
        var parts = license.Split('.');
        if (parts.Length != 3)
        {
            return false;
        }

        using var key = ECDsa.Create();
        key.ImportFromPem(publicKeyPem);
        var valid = key.VerifyData(Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]), FromBase64Url(parts[2]), HashAlgorithmName.SHA256,
            DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        header = JsonDocument.Parse(FromBase64Url(parts[0])).RootElement;
        claims = JsonDocument.Parse(FromBase64Url(parts[1])).RootElement;
        return valid && header.GetProperty("alg").GetString() == "ES256";
    }

    private static byte[] FromBase64Url(string value)
    {
        var s = value.Replace('-', '+').Replace('_', '/');
        return Convert.FromBase64String(s.PadRight(s.Length + ((4 - (s.Length % 4)) % 4), '='));
    }
}

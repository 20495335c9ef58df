using System.Security.Cryptography;
using System.Text;

namespace KooGate.Protocol.Crypto;

/// <summary>
/// <c>applicationSync.clientSecret</c>: Base64 RSA-OAEP ciphertext made with the seller's public key (≥ 3072 bit).
/// The OAEP hash is undocumented, so decryption tries SHA-256 then SHA-1 (README decision 10).
/// </summary>
public static class ClientSecretCipher
{
    public static string Encrypt(RSA publicKey, string secret, RSAEncryptionPadding padding) =>
        Convert.ToBase64String(publicKey.Encrypt(Encoding.UTF8.GetBytes(secret), padding));

    public static bool TryDecrypt(RSA privateKey, string? encrypted, out string secret, out RSAEncryptionPadding? used)
    {
        secret = string.Empty;
        used = null;
        if (string.IsNullOrEmpty(encrypted))
        {
            return false;
        }

        byte[] cipher;
        try
        {
            cipher = Convert.FromBase64String(encrypted);
        }
        catch (FormatException)
        {
            return false;
        }

        foreach (var padding in new[] { RSAEncryptionPadding.OaepSHA256, RSAEncryptionPadding.OaepSHA1 })
        {
            try
            {
                var plain = privateKey.Decrypt(cipher, padding);
                secret = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(plain);
                used = padding;
                return true;
            }
            catch (Exception e) when (e is CryptographicException or ArgumentException)
            {
            }
        }

        return false;
    }
}

using System.Security.Cryptography;
using System.Text;

namespace KooGate.Protocol.Crypto;

/// <summary>The <c>encryptType</c> response field: which AES size protected appInfo userName/password.</summary>
public enum EncryptType
{
    /// <summary><c>"1"</c>: AES256_CBC_PKCS5Padding (the default).</summary>
    Aes256 = 1,

    /// <summary><c>"2"</c>: AES128_CBC_PKCS5Padding.</summary>
    Aes128 = 2,
}

/// <summary>Thrown when a field value cannot be decrypted (truncated, not Base64, wrong key).</summary>
public sealed class FieldCipherException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>
/// V1 AES field encryption (README decision 7; saas-v2.md §2.5): <c>value = iv16 + Base64(AES-CBC-PKCS7(text))</c>
/// with the key from <see cref="Sha1Prng"/> seeded by the Key's UTF-8 bytes and the IV the 16 ASCII characters.
/// </summary>
public static class FieldCipher
{
    public const int IvLength = 16;
    private const string IvAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    public static int Bits(EncryptType type) => type == EncryptType.Aes128 ? 128 : 256;

    public static EncryptType FromBits(int bits) => bits switch
    {
        256 => EncryptType.Aes256,
        128 => EncryptType.Aes128,
        _ => throw new ArgumentOutOfRangeException(nameof(bits), bits, "AES key size must be 256 or 128"),
    };

    /// <summary>The wire value of <c>encryptType</c>: "1" or "2".</summary>
    public static string WireValue(EncryptType type) => ((int)type).ToString(System.Globalization.CultureInfo.InvariantCulture);

    public static bool TryParseWireValue(string? value, out EncryptType type)
    {
        type = value switch { "1" => EncryptType.Aes256, "2" => EncryptType.Aes128, _ => 0 };
        return type != 0;
    }

    public static byte[] DeriveKey(string key, EncryptType type) =>
        Sha1Prng.Derive(Encoding.UTF8.GetBytes(key), Bits(type) / 8);

    /// <summary>Encrypts with a fresh random 16-character IV.</summary>
    public static string Encrypt(string key, string plaintext, EncryptType type = EncryptType.Aes256) =>
        Encrypt(key, plaintext, type, RandomIv());

    /// <summary>Encrypts with the given 16-character ASCII IV (deterministic; for tests and tools).</summary>
    public static string Encrypt(string key, string plaintext, EncryptType type, string iv)
    {
        if (iv.Length != IvLength || !iv.All(char.IsAscii))
        {
            throw new ArgumentException($"the IV must be {IvLength} ASCII characters", nameof(iv));
        }

        using var aes = Aes.Create();
        aes.Key = DeriveKey(key, type);
        var cipher = aes.EncryptCbc(Encoding.UTF8.GetBytes(plaintext), Encoding.ASCII.GetBytes(iv), PaddingMode.PKCS7);
        return iv + Convert.ToBase64String(cipher);
    }

    public static string Decrypt(string key, string value, EncryptType type = EncryptType.Aes256)
    {
        if (value.Length <= IvLength || !value[..IvLength].All(char.IsAscii))
        {
            throw new FieldCipherException("the value is too short to hold a 16-character IV and a ciphertext");
        }

        byte[] cipher;
        try
        {
            cipher = Convert.FromBase64String(value[IvLength..]);
        }
        catch (FormatException e)
        {
            throw new FieldCipherException("the ciphertext after the IV is not valid Base64", e);
        }

        if (cipher.Length == 0 || cipher.Length % 16 != 0)
        {
            throw new FieldCipherException("the ciphertext is truncated (not a whole number of AES blocks)");
        }

        try
        {
            using var aes = Aes.Create();
            aes.Key = DeriveKey(key, type);
            var plain = aes.DecryptCbc(cipher, Encoding.ASCII.GetBytes(value[..IvLength]), PaddingMode.PKCS7);
            return new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(plain);
        }
        catch (Exception e) when (e is CryptographicException or ArgumentException)
        {
            throw new FieldCipherException("the value does not decrypt with this key and key size", e);
        }
    }

    /// <summary>
    /// Decrypts a request field whose key size the request does not say (V1 mobilePhone/email): AES-256 first, as
    /// Huawei's sample does, then AES-128 (saas-v1-and-joint.md §2.4).
    /// </summary>
    public static bool TryDecryptAnySize(string key, string value, out string plaintext, out EncryptType used)
    {
        foreach (var type in new[] { EncryptType.Aes256, EncryptType.Aes128 })
        {
            try
            {
                plaintext = Decrypt(key, value, type);
                used = type;
                return true;
            }
            catch (FieldCipherException)
            {
            }
        }

        plaintext = string.Empty;
        used = default;
        return false;
    }

    /// <summary>Length of the wire value for a plaintext (16 IV chars + Base64 of the padded ciphertext).</summary>
    public static int EncryptedLength(string plaintext)
    {
        var cipherLength = ((Encoding.UTF8.GetByteCount(plaintext) / 16) + 1) * 16;
        return IvLength + (4 * ((cipherLength + 2) / 3));
    }

    public static string RandomIv() => RandomNumberGenerator.GetString(IvAlphabet, IvLength);
}

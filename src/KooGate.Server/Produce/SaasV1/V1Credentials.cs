using KooGate.Protocol.Crypto;
using KooGate.Protocol.Messages;
using KooGate.Server.Configuration;
using KooGate.Server.Data;

namespace KooGate.Server.Produce.SaasV1;

/// <summary>
/// The AES side of SaaS V1 (README decision 7; saas-v1-and-joint.md §2.4): <c>mobilePhone</c>/<c>email</c> arrive
/// encrypted under the V1 Key, and the reply's <c>appInfo</c> credentials leave encrypted under it.
/// </summary>
internal static class V1Credentials
{
    /// <summary>16 IV characters + Base64 of the padded ciphertext must fit String(128): plaintext ≤ 79 UTF-8 bytes.</summary>
    public const int MaxEncryptedLength = 128;

    public static EncryptType EncryptType(KooGateOptions options) => FieldCipher.FromBits(options.V1.EncryptionBits);

    /// <summary>Decrypts <c>mobilePhone</c>/<c>email</c> (key size unstated: AES-256, then AES-128).</summary>
    public static string? Decrypt(string field, string? value, string key)
    {
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }

        // A '+' of the Base64 part that arrived as a space (saas-v1-and-joint.md §2.1 caution).
        return FieldCipher.TryDecryptAnySize(key, value.Replace(' ', '+'), out var plain, out _)
            ? plain
            : throw new FieldException(field, "cannot be decrypted with the V1 Key");
    }

    /// <summary>Null when the credentials fit once encrypted, else the problem (answered 000005).</summary>
    public static string? CredentialProblem(InstanceRecord instance, string? password)
    {
        foreach (var (name, value) in new[] { ("userName", instance.UserName), ("password", password) })
        {
            if (value is not null && FieldCipher.EncryptedLength(value) > MaxEncryptedLength)
            {
                return $"appInfo.{name} is longer than {MaxEncryptedLength} characters once encrypted (plaintext at most 79 UTF-8 bytes)";
            }
        }

        return null;
    }

    /// <summary><c>appInfo</c> with <c>userName</c>/<c>password</c> encrypted under the V1 Key.</summary>
    public static AppInfo AppInfo(InstanceRecord instance, string? password, string key, EncryptType type) => new()
    {
        FrontEndUrl = instance.FrontEndUrl!,
        AdminUrl = instance.AdminUrl,
        UserName = instance.UserName is null ? null : FieldCipher.Encrypt(key, instance.UserName, type),
        Password = password is null ? null : FieldCipher.Encrypt(key, password, type),
        Memo = instance.Memo,
    };
}

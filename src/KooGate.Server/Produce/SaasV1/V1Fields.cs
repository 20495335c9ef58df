using System.Globalization;
using System.Text.Json;
using KooGate.Protocol;
using KooGate.Protocol.Crypto;
using KooGate.Protocol.Messages;
using KooGate.Server.Configuration;
using KooGate.Server.Data;

namespace KooGate.Server.Produce.SaasV1;

/// <summary>
/// The V1 specifics shared by the SaaS V1 handlers: AES-encrypted <c>appInfo</c> credentials and request fields
/// (README decision 7; saas-v1-and-joint.md §2.4), and the purchase parameters of newInstance/getLicense.
/// </summary>
internal static class V1Fields
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

    /// <summary>Writes <c>appInfo</c> with <c>userName</c>/<c>password</c> encrypted under the V1 Key.</summary>
    public static void WriteAppInfo(Utf8JsonWriter writer, InstanceRecord instance, string? password, string key, EncryptType type)
    {
        writer.WriteStartObject("appInfo");
        writer.WriteString("frontEndUrl", instance.FrontEndUrl);
        WriteIfPresent(writer, "adminUrl", instance.AdminUrl);
        WriteIfPresent(writer, "userName", instance.UserName is null ? null : FieldCipher.Encrypt(key, instance.UserName, type));
        WriteIfPresent(writer, "password", password is null ? null : FieldCipher.Encrypt(key, password, type));
        WriteIfPresent(writer, "memo", instance.Memo);
        writer.WriteEndObject();
    }

    public static string ChargingModeName(string? v1Mode) => v1Mode switch
    {
        V1ChargingModes.OnDemand => ChargingModes.OnDemand,
        V1ChargingModes.Period => ChargingModes.Period,
        V1ChargingModes.OneTime => ChargingModes.OneTime,
        V1ChargingModes.OnDemandPackage => ChargingModes.OnDemandPackage,
        _ => string.Empty,
    };

    public static DateTimeOffset? ExpireTime(string? value) =>
        KooTime.TryParseUtcDigits(value, out var time) ? time : null;

    public static int? Int(string? value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : null;

    public static decimal? Decimal(string? value) =>
        decimal.TryParse(value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var n) ? n : null;

    public static string? ExtendParamsJson(IReadOnlyList<ExtendParam> parameters) =>
        parameters.Count == 0 ? null : JsonSerializer.Serialize([.. parameters], KooJsonContext.Default.ExtendParamArray);

    private static void WriteIfPresent(Utf8JsonWriter writer, string name, string? value)
    {
        if (value is not null)
        {
            writer.WriteString(name, value);
        }
    }
}

using System.Text;
using FsCheck.Xunit;
using KooGate.Protocol.Crypto;
using KooGate.Protocol.Json;
using KooGate.Protocol.Messages;
using KooGate.Protocol.Validation;

namespace KooGate.Protocol.Tests.Properties;

/// <summary>
/// Every parser of untrusted input: no exception escapes, garbage is refused with 000002, and what the protocol
/// writes is read back.
/// </summary>
[Properties(Arbitrary = [typeof(Inputs)], MaxTest = 300)]
public sealed class ParserProperties
{
    [Property]
    public bool Request_parser_never_throws_and_refuses_with_000002(byte[] body) =>
        Refused<NewInstanceRequest>(body) && Refused<QueryInstanceRequest>(body) && Refused<RefreshInstanceRequest>(body)
        && Refused<TenantSyncRequest>(body) && Refused<AuthSyncRequest>(body) && Refused<AllOrgSyncRequest>(body);

    [Property]
    public bool Request_parser_never_throws_on_json_objects(JsonBody body) =>
        Answers<NewInstanceRequest>(body.Bytes) && Answers<QueryInstanceRequest>(body.Bytes) && Answers<UpdateInstanceStatusRequest>(body.Bytes)
        && Answers<ApplicationSyncRequest>(body.Bytes) && Answers<SingleOrgSyncRequest>(body.Bytes);

    [Property]
    public bool A_valid_new_instance_is_read_back(Key orderId, Key businessId)
    {
        var body = Encoding.UTF8.GetBytes($$"""{"activity":"newInstance","orderId":"{{orderId}}","orderLineId":"{{orderId}}-000001","businessId":"{{businessId}}"}""");
        return ProduceRequestParser.TryParse<NewInstanceRequest>(body, out var message, out _)
            && message.OrderId == orderId.Value && message.BusinessId == businessId.Value;
    }

    [Property]
    public bool Time_parsers_never_throw_and_refuse_garbage(string? text)
    {
        var epoch = KooTime.TryParseEpochMilliseconds(text, out _);
        var utc = KooTime.TryParseUtcDigits(text, out _);
        var china = KooTime.TryParseChinaDigits(text, out _);
        var sdk = KooTime.TryParseSdkDate(text, out _);
        var digits = text is not null && text.Length > 0 && text.All(char.IsAsciiDigit);
        return (digits || !epoch) && (digits || !utc) && (digits || !china) && (text is { Length: 16 } || !sdk);
    }

    [Property]
    public bool Times_round_trip(int seconds, int milliseconds)
    {
        var time = DateTimeOffset.FromUnixTimeSeconds(Math.Abs((long)seconds) % 4_000_000_000).AddMilliseconds(Math.Abs(milliseconds % 1000));
        return KooTime.TryParseEpochMilliseconds(KooTime.ToEpochMilliseconds(time), out var epoch) && epoch == time
            && KooTime.TryParseUtcDigits(KooTime.ToUtc17(time), out var utc) && utc == time
            && KooTime.TryParseChinaDigits(KooTime.ToChina17(time), out var china) && china == time
            && KooTime.TryParseSdkDate(KooTime.ToSdkDate(time), out var sdk) && sdk == time.AddMilliseconds(-time.Millisecond);
    }

    [Property]
    public bool Field_decryption_fails_only_with_its_own_exception(Key key, string? value)
    {
        try
        {
            _ = FieldCipher.Decrypt(key.Value, value ?? string.Empty);
        }
        catch (FieldCipherException)
        {
        }

        _ = FieldCipher.TryDecryptAnySize(key.Value, value ?? string.Empty, out _, out _);
        return true;
    }

    [Property]
    public bool Field_encryption_round_trips_and_a_wrong_key_never_throws(Key key, Key other, string? text, bool aes128)
    {
        var plaintext = Inputs.IsWellFormed(text) ? text! : string.Empty;
        var type = aes128 ? EncryptType.Aes128 : EncryptType.Aes256;
        var value = FieldCipher.Encrypt(key.Value, plaintext, type);
        // A wrong key almost always fails the padding check; when it happens to pass, the text differs.
        var wrong = !FieldCipher.TryDecryptAnySize(other.Value, value, out var garbled, out _) || garbled != plaintext || other.Value == key.Value;
        return FieldCipher.Decrypt(key.Value, value, type) == plaintext && value.Length == FieldCipher.EncryptedLength(plaintext) && wrong;
    }

    [Property]
    public bool Canonical_json_never_throws_and_is_idempotent(byte[] body, JsonBody json)
    {
        _ = CanonicalJson.TryCanonicalize(body, out _);
        return CanonicalJson.TryCanonicalize(json.Bytes, out var once)
            && CanonicalJson.TryCanonicalize(once, out var twice)
            && once.AsSpan().SequenceEqual(twice);
    }

    private static bool Refused<T>(byte[] body)
        where T : class
    {
        if (ProduceRequestParser.TryParse<T>(body, out var message, out var error))
        {
            // Random bytes that happen to be a valid message are possible only for a tiny JSON object.
            return message is not null && body.Length < 200;
        }

        return error.ToResultCode().Code == "000002";
    }

    private static bool Answers<T>(byte[] body)
        where T : class =>
        ProduceRequestParser.TryParse<T>(body, out var message, out var error) ? message is not null : error.ToResultCode().Code == "000002";
}

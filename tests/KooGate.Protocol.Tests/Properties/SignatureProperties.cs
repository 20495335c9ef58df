using System.Text;
using FsCheck.Xunit;
using KooGate.Protocol.Signing;

namespace KooGate.Protocol.Tests.Properties;

/// <summary>
/// Every request verifier: arbitrary input never throws and is refused; a signature made over a random body
/// verifies; any single-byte change to the signed body is refused.
/// </summary>
[Properties(Arbitrary = [typeof(Inputs)], MaxTest = 300)]
public sealed class SignatureProperties
{
    private static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeMilliseconds(1_790_000_000_000);
    private static readonly string Timestamp = KooTime.ToEpochMilliseconds(Now);

    [Property]
    public bool V2_refuses_arbitrary_input(Key key, string? signature, string? timestamp, string? nonce, byte[] body) =>
        !V2Signature.Verify([key.Value], signature, timestamp, nonce, body, Now).IsValid;

    [Property]
    public bool V2_accepts_its_own_signature_in_either_case(Key key, Key nonce, JsonBody body, bool upper)
    {
        var signature = V2Signature.Compute(key.Value, nonce.Value, Timestamp, body.Bytes);
        return V2Signature.Verify([key.Value], upper ? signature.ToUpperInvariant() : signature, Timestamp, nonce.Value, body.Bytes, Now).IsValid;
    }

    [Property]
    public bool V2_refuses_any_single_byte_change_of_the_body(Key key, Key nonce, JsonBody body, Mutation mutation)
    {
        var signature = V2Signature.Compute(key.Value, nonce.Value, Timestamp, body.Bytes);
        var check = V2Signature.Verify([key.Value], signature, Timestamp, nonce.Value, mutation.ApplyTo(body.Bytes), Now);
        // A changed byte can also turn two keys into one (refused as a repeated key, README decision 13).
        return check.Verdict is SignatureVerdict.BadSignature or SignatureVerdict.DuplicateKey && check.Code.Code == "000001";
    }

    [Property]
    public bool Kit_refuses_arbitrary_input(Key key, string? sign, string? timestamp, string? nonce, byte[] body) =>
        !KitSignature.Verify([key.Value], sign, timestamp, nonce, body, Now).IsValid;

    [Property]
    public bool Kit_accepts_its_own_signature_and_refuses_any_single_byte_change(Key key, Key nonce, JsonBody body, Mutation mutation)
    {
        var sign = KitSignature.Compute(key.Value, nonce.Value, Timestamp, body.Bytes);
        return KitSignature.Verify([key.Value], sign, Timestamp, nonce.Value, body.Bytes, Now).IsValid
            && KitSignature.Verify([key.Value], sign, Timestamp, nonce.Value, mutation.ApplyTo(body.Bytes), Now).Verdict
                is SignatureVerdict.BadSignature or SignatureVerdict.DuplicateKey;
    }

    [Property]
    public bool Timestamp_and_nonce_faults_answer_000002_and_signature_faults_000001(Key key, string? signature, string? timestamp, string? nonce, byte[] body)
    {
        var check = V2Signature.Verify([key.Value], signature, timestamp, nonce, body, Now);
        var expected = check.Verdict switch
        {
            SignatureVerdict.MissingSignature or SignatureVerdict.BadSignature or SignatureVerdict.NoKeyConfigured => "000001",
            _ => "000002",
        };
        return !check.IsValid && check.Code.Code == expected;
    }

    [Property]
    public bool AuthToken_refuses_arbitrary_queries_and_kit_bodies(Key key, string? query, string? header, byte[] body) =>
        !AuthToken.VerifyQuery([key.Value], query ?? string.Empty).IsValid
        && !AuthToken.VerifyKitBody([key.Value], header, body).IsValid;

    [Property]
    public bool AuthToken_accepts_its_own_token_and_refuses_a_changed_value(Key key, Key value, Key other)
    {
        var parameters = new List<KeyValuePair<string, string?>> { new("timeStamp", "20261123101010123"), new("instanceId", value.Value) };
        var token = AuthToken.Compute(key.Value, parameters);
        var query = $"instanceId={value.Value}&timeStamp=20261123101010123&authToken={Uri.EscapeDataString(token)}";
        var changed = $"instanceId={other.Value}&timeStamp=20261123101010123&authToken={Uri.EscapeDataString(token)}";
        return AuthToken.VerifyQuery([key.Value], query).IsValid
            && (value.Value == other.Value || !AuthToken.VerifyQuery([key.Value], changed).IsValid);
    }

    [Property]
    public bool BodySign_refuses_arbitrary_headers(Key key, string? header, byte[] body) =>
        !BodySign.Verify(key.Value, header, body) || header == BodySign.HeaderValue(key.Value, body);

    [Property]
    public bool BodySign_accepts_its_own_header_and_refuses_any_single_byte_change(Key key, JsonBody body, Mutation mutation)
    {
        var header = BodySign.HeaderValue(key.Value, body.Bytes);
        return BodySign.Verify(key.Value, header, body.Bytes, BodySign.HeaderName)
            && !BodySign.Verify(key.Value, header, mutation.ApplyTo(body.Bytes));
    }

    [Property]
    public bool UsagePush_refuses_arbitrary_input(Key key, string? signature, string? ts, string? nonce, byte[] body) =>
        !UsagePushSignature.Verify([key.Value], signature, ts, nonce, body, Now, TimeSpan.FromMinutes(5)).IsValid;

    [Property]
    public bool UsagePush_accepts_its_own_signature_and_refuses_any_single_byte_change(Key key, Key nonce, JsonBody body, Mutation mutation)
    {
        var signature = UsagePushSignature.Compute(key.Value, Timestamp, nonce.Value, body.Text);
        var window = TimeSpan.FromMinutes(5);
        return UsagePushSignature.Verify([key.Value], signature, Timestamp, nonce.Value, body.Bytes, Now, window).IsValid
            && !UsagePushSignature.Verify([key.Value], signature, Timestamp, nonce.Value, mutation.ApplyTo(body.Bytes), Now, window).IsValid;
    }

    [Property]
    public bool Apig_refuses_arbitrary_requests(Key secret, string? authorization, string? date, string? path, byte[] body)
    {
        var url = Uri.TryCreate("https://mkt.example.com/" + Uri.EscapeDataString(path ?? string.Empty), UriKind.Absolute, out var u) ? u : new Uri("https://mkt.example.com/");
        var headers = new Dictionary<string, string> { [ApigSigner.DateHeader] = date ?? string.Empty, ["host"] = "mkt.example.com" };
        return ApigSigner.Verify(_ => secret.Value, "POST", url, authorization, headers, body, Now) != ApigVerdict.Valid;
    }

    [Property]
    public bool Apig_accepts_its_own_signature_and_refuses_any_single_byte_change(Key accessKey, Key secret, JsonBody body, Mutation mutation)
    {
        var url = new Uri("https://mkt.example.com/api/mkp-openapi-public/global/v1/isv/usage-data?b=2&a=1");
        var date = KooTime.ToSdkDate(Now);
        var signed = ApigSigner.Sign(accessKey.Value, secret.Value, "POST", url, date, [new("Content-Type", "application/json")], body.Bytes);
        var headers = new Dictionary<string, string>
        {
            ["Content-Type"] = "application/json",
            ["Host"] = ApigSigner.HostHeader(url),
            [ApigSigner.DateHeader] = date,
        };
        string? SecretFor(string ak) => ak == accessKey.Value ? secret.Value : null;
        return ApigSigner.Verify(SecretFor, "POST", url, signed.Authorization, headers, body.Bytes, Now) == ApigVerdict.Valid
            && ApigSigner.Verify(SecretFor, "POST", url, signed.Authorization, headers, mutation.ApplyTo(body.Bytes), Now) == ApigVerdict.BadSignature;
    }

    [Property]
    public bool Keys_of_a_rotation_are_each_accepted_and_reported_by_index(Key current, Key previous, Key nonce, JsonBody body)
    {
        var signature = V2Signature.Compute(previous.Value, nonce.Value, Timestamp, body.Bytes);
        var check = V2Signature.Verify([current.Value, previous.Value], signature, Timestamp, nonce.Value, body.Bytes, Now);
        return check.IsValid && check.KeyIndex == (current.Value == previous.Value ? 0 : 1);
    }

    internal static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);
}

using System.Text;
using System.Text.Json.Nodes;
using FsCheck.Xunit;
using KooGate.Protocol.Json;
using KooGate.Protocol.Signing;

namespace KooGate.Protocol.Tests.Properties;

/// <summary>
/// A signature covers exactly the values a handler reads (README decisions 2 and 13): for any signed body, appending a
/// repeated key, a <c>null</c>, a key spelled with an escape, or swapping a number for a string is refused — by the
/// raw-body check and by the canonical fallback alike — in every family.
/// </summary>
[Properties(Arbitrary = [typeof(Inputs)], MaxTest = 200)]
public sealed class SignedBodyTamperProperties
{
    private static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeMilliseconds(1_790_000_000_000);
    private static readonly string Timestamp = KooTime.ToEpochMilliseconds(Now);
    private const string KitTimeStamp = "20261123101010123";

    /// <summary>The ways a captured body is rewritten; each keeps the signature and timestamp headers of the original.</summary>
    private static IEnumerable<(string Name, byte[] Body)> Tampered(JsonObject signed, string text)
    {
        var names = signed.Select(p => p.Key).ToList();
        foreach (var name in names)
        {
            yield return ("repeated " + name, Append(text, Quote(name), "\"rewritten\""));
            yield return ("repeated null " + name, Append(text, Quote(name), "null"));
            yield return ("escaped " + name, Append(text, EscapedQuote(name), "0"));
        }

        yield return ("new null", Append(text, "\"testFlag\"", "null"));
        yield return ("new null elsewhere", Append(text, "\"zz\"", "null"));
        foreach (var swapped in Swaps(signed))
        {
            yield return swapped;
        }
    }

    [Property]
    public bool V2_refuses_every_rewrite_of_a_signed_body(Key key, Key nonce, JsonBody body, int number)
    {
        var (signed, text) = WithNumber(body, number);
        var signature = V2Signature.Compute(key.Value, nonce.Value, Timestamp, text);
        return V2Signature.Verify([key.Value], signature, Timestamp, nonce.Value, Utf8(text), Now).IsValid
            && Tampered(signed, text).All(t => Refused(V2Signature.Verify([key.Value], signature, Timestamp, nonce.Value, t.Body, Now)));
    }

    [Property]
    public bool V2_refuses_every_rewrite_of_a_body_signed_in_its_canonical_form(Key key, Key nonce, JsonBody body, int number)
    {
        var (signed, text) = WithNumber(body, number);
        var canonical = CanonicalJson.Canonicalize(text)!;
        var signature = V2Signature.Compute(key.Value, nonce.Value, Timestamp, canonical);
        return Tampered(signed, text).All(t => Refused(V2Signature.Verify([key.Value], signature, Timestamp, nonce.Value, t.Body, Now)));
    }

    [Property]
    public bool Kit_v2_refuses_every_rewrite_of_a_signed_body(Key key, Key nonce, JsonBody body, int number)
    {
        var (signed, text) = WithNumber(body, number);
        var sign = KitSignature.Compute(key.Value, nonce.Value, Timestamp, text);
        return KitSignature.Verify([key.Value], sign, Timestamp, nonce.Value, Utf8(text), Now).IsValid
            && Tampered(signed, text).All(t => Refused(KitSignature.Verify([key.Value], sign, Timestamp, nonce.Value, t.Body, Now)));
    }

    /// <summary>
    /// Kit V1 signs <c>k=v</c> strings of the non-blank fields (README decision 5), so a number and its string spell
    /// the same value there; every repeated, escaped or null-appended key is still refused.
    /// </summary>
    [Property]
    public bool Kit_v1_refuses_repeated_keys_however_spelled(Key key, JsonBody body)
    {
        var signed = JsonNode.Parse(body.Text)!.AsObject();
        signed["timeStamp"] = KitTimeStamp;
        var text = signed.ToJsonString(Relaxed);
        Assert.True(AuthToken.TryFlattenBody(Utf8(text), out var fields));
        var token = AuthToken.Compute(key.Value, fields, skipBlank: true);
        return AuthToken.VerifyKitBody([key.Value], token, Utf8(text)).IsValid
            && Tampered(signed, text).Where(t => !t.Name.StartsWith("swap", StringComparison.Ordinal) && !t.Name.StartsWith("new", StringComparison.Ordinal))
                .All(t => Refused(AuthToken.VerifyKitBody([key.Value], token, t.Body)))
            && Refused(AuthToken.VerifyKitBody([key.Value], token, Append(text, "\"timeStamp\"", "\"20991231000000000\"")));
    }

    [Property]
    public bool V1_get_refuses_a_repeated_parameter_however_encoded(Key key, Key value)
    {
        var parameters = new List<KeyValuePair<string, string?>> { new("activity", "releaseInstance"), new("instanceId", value.Value), new("timeStamp", KitTimeStamp) };
        var token = Uri.EscapeDataString(AuthToken.Compute(key.Value, parameters));
        var query = $"activity=releaseInstance&instanceId={value.Value}&timeStamp={KitTimeStamp}&authToken={token}";
        return AuthToken.VerifyQuery([key.Value], query).IsValid
            && Refused(AuthToken.VerifyQuery([key.Value], query + "&timeStamp=20991231000000000"))
            && Refused(AuthToken.VerifyQuery([key.Value], query + "&time%53tamp=20991231000000000"))
            && Refused(AuthToken.VerifyQuery([key.Value], query + "&instance%49d=other"))
            && Refused(AuthToken.VerifyQuery([key.Value], query + "&activity=newInstance"));
    }

    [Property]
    public bool The_canonical_form_keeps_every_member_and_refuses_a_repeated_key(JsonBody body)
    {
        var parsed = JsonNode.Parse(body.Text)!.AsObject();
        var canonical = CanonicalJson.Canonicalize(body.Text);
        var members = canonical is null ? -1 : JsonNode.Parse(canonical)!.AsObject().Count;
        var repeated = parsed.Count == 0 || CanonicalJson.Canonicalize(AppendText(body.Text, Quote(parsed.First().Key), "null")) is null;
        return members == parsed.Count && repeated;
    }

    private static bool Refused(SignatureCheck check) =>
        !check.IsValid && check.Verdict is SignatureVerdict.BadSignature or SignatureVerdict.DuplicateKey && check.Code.Code == "000001";

    /// <summary>The body plus a number member, so a number/string swap always has a candidate.</summary>
    private static (JsonObject Signed, string Text) WithNumber(JsonBody body, int number)
    {
        var signed = JsonNode.Parse(body.Text)!.AsObject();
        signed["amount"] = number;
        return (signed, signed.ToJsonString(Relaxed));
    }

    /// <summary>Each number member written as a string and each string member that reads as a number written as one.</summary>
    private static IEnumerable<(string Name, byte[] Body)> Swaps(JsonObject signed)
    {
        foreach (var (name, value) in signed.ToList())
        {
            JsonNode? swapped = value switch
            {
                JsonValue v when v.GetValueKind() == System.Text.Json.JsonValueKind.Number => v.ToJsonString(),
                JsonValue v when v.GetValueKind() == System.Text.Json.JsonValueKind.String && long.TryParse(v.GetValue<string>(), out var n)
                    && n.ToString(System.Globalization.CultureInfo.InvariantCulture) == v.GetValue<string>() => n,
                _ => null,
            };
            if (swapped is not null)
            {
                var copy = signed.DeepClone().AsObject();
                copy[name] = swapped;
                yield return ("swap " + name, Utf8(copy.ToJsonString(Relaxed)));
            }
        }
    }

    private static byte[] Append(string text, string quotedName, string value) => Utf8(AppendText(text, quotedName, value));

    private static string AppendText(string text, string quotedName, string value)
    {
        var end = text.LastIndexOf('}');
        var empty = text[..end].TrimEnd().EndsWith('{');
        return text[..end] + (empty ? string.Empty : ",") + quotedName + ":" + value + "}";
    }

    private static readonly System.Text.Json.JsonSerializerOptions Relaxed = new()
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private static string Quote(string name) => System.Text.Json.JsonSerializer.Serialize(name, Relaxed);

    /// <summary>The same key with its first character written as a <c>\uXXXX</c> escape (an empty key stays empty).</summary>
    private static string EscapedQuote(string name) =>
        name.Length == 0 ? "\"\"" : "\"\\u" + ((int)name[0]).ToString("x4", System.Globalization.CultureInfo.InvariantCulture) + Quote(name)[2..];

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);
}

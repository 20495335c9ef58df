using System.Text;
using System.Text.Json;

namespace KooGate.Protocol.Signing;

/// <summary>
/// The V1 <c>authToken</c> (README decision 5; saas-v1-and-joint.md §2.1–2.2):
/// <c>Base64(HMAC-SHA256(key = Key + timeStamp, data = "k1=v1&amp;k2=v2…"))</c> over every parameter but
/// <c>authToken</c>, names in ordinal order, values URL-decoded.
/// </summary>
public static class AuthToken
{
    public const string ParameterName = "authToken";
    public const string TimeStampParameter = "timeStamp";

    /// <summary>The string that is signed. GET keeps empty values; the Kit POST variant skips blank ones.</summary>
    public static string CanonicalString(IEnumerable<KeyValuePair<string, string?>> parameters, bool skipBlank = false)
    {
        var pairs = parameters
            .Where(p => p.Key != ParameterName)
            .Where(p => !skipBlank || !string.IsNullOrWhiteSpace(p.Value))
            .GroupBy(p => p.Key, StringComparer.Ordinal)
            .Select(g => g.First())
            .OrderBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => p.Key + "=" + (p.Value ?? string.Empty));
        return string.Join('&', pairs);
    }

    public static string Compute(string key, string timeStamp, string canonicalString) =>
        Convert.ToBase64String(Hmac.Sha256(key + timeStamp, canonicalString));

    /// <summary>Computes the token; the parameters must include <c>timeStamp</c>.</summary>
    public static string Compute(string key, IEnumerable<KeyValuePair<string, string?>> parameters, bool skipBlank = false)
    {
        var list = parameters.ToList();
        var timeStamp = list.FirstOrDefault(p => p.Key == TimeStampParameter).Value
            ?? throw new ArgumentException("the parameters must include timeStamp", nameof(parameters));
        return Compute(key, timeStamp, CanonicalString(list, skipBlank));
    }

    /// <summary>
    /// Verifies the query string of a V1 GET call (raw, still percent-encoded, with or without the leading
    /// <c>?</c>). Values are decoded strictly (a literal <c>+</c> stays <c>+</c>); when that fails and the query holds
    /// a <c>+</c>, it is retried as form encoding (<c>+</c> = space). A token whose <c>+</c> arrived as a space is
    /// repaired first (saas-v2.md §2.6 FAQ).
    /// </summary>
    public static SignatureCheck VerifyQuery(IReadOnlyList<string> keys, string rawQuery) => VerifyQuery(keys, ScannedPayload.Query(rawQuery));

    /// <summary>As above, over a query the caller has already scanned for repeated names (<see cref="ScannedPayload"/>).</summary>
    public static SignatureCheck VerifyQuery(IReadOnlyList<string> keys, ScannedPayload query)
    {
        ArgumentNullException.ThrowIfNull(query);

        // README decision 13: a repeated parameter name is refused before anything else.
        if (query.RepeatedKey is { } duplicate)
        {
            return SignatureCheck.Duplicate(duplicate);
        }

        var rawQuery = query.RawQuery;

        var strict = QueryString.Parse(rawQuery, plusAsSpace: false);
        var check = VerifyParameters(keys, strict, skipBlank: false, PayloadVariant.RawBody);
        if (check.IsValid || !rawQuery.Contains('+', StringComparison.Ordinal))
        {
            return check;
        }

        var form = QueryString.Parse(rawQuery, plusAsSpace: true);
        var retry = VerifyParameters(keys, form, skipBlank: false, PayloadVariant.PlusAsSpace);
        return retry.IsValid ? retry : check;
    }

    /// <summary>
    /// Verifies a V1 Kit POST whose token travels in the <c>authToken</c> header over the top-level body fields
    /// (blank values skipped, numbers as their literal). Tries the values as received, then URL-decoded
    /// (saas-v1-and-joint.md §2.2 step 5).
    /// </summary>
    public static SignatureCheck VerifyKitBody(IReadOnlyList<string> keys, string? headerToken, ReadOnlySpan<byte> body) =>
        VerifyKitBody(keys, headerToken, ScannedPayload.Json(body.ToArray()));

    /// <summary>As above, over a body the caller has already scanned for repeated keys (<see cref="ScannedPayload"/>).</summary>
    public static SignatureCheck VerifyKitBody(IReadOnlyList<string> keys, string? headerToken, ScannedPayload body)
    {
        ArgumentNullException.ThrowIfNull(body);

        // README decision 13: the token covers the first of two repeated values, a handler would read the last.
        if (body.RepeatedKey is { } duplicate)
        {
            return SignatureCheck.Duplicate(duplicate);
        }

        if (!TryFlattenBody(body.Body, out var fields))
        {
            return SignatureCheck.Fail(SignatureVerdict.BadSignature);
        }

        fields.RemoveAll(f => f.Key == ParameterName);
        fields.Add(new(ParameterName, StripQuotes(headerToken)));
        var check = VerifyParameters(keys, fields, skipBlank: true, PayloadVariant.RawBody);
        if (check.IsValid)
        {
            return check;
        }

        var decoded = fields.Select(f => new KeyValuePair<string, string?>(
            f.Key, f.Key == ParameterName ? f.Value : QueryString.Decode(f.Value ?? string.Empty, plusAsSpace: false))).ToList();
        var retry = VerifyParameters(keys, decoded, skipBlank: true, PayloadVariant.UrlDecoded);
        return retry.IsValid ? retry : check;
    }

    /// <summary>Top-level body fields as the Java sample's <c>BeanUtils.describe</c> sees them.</summary>
    public static bool TryFlattenBody(ReadOnlySpan<byte> body, out List<KeyValuePair<string, string?>> fields)
    {
        fields = [];
        try
        {
            using var document = JsonDocument.Parse(body.ToArray());
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return false;
            }

            foreach (var property in document.RootElement.EnumerateObject())
            {
                string? value = property.Value.ValueKind switch
                {
                    JsonValueKind.String => property.Value.GetString(),
                    JsonValueKind.Null => null,
                    JsonValueKind.Object or JsonValueKind.Array => Json.CanonicalJson.Compact(property.Value),
                    _ => property.Value.GetRawText(),
                };
                fields.Add(new(property.Name, value));
            }

            return true;
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            return false;
        }
    }

    /// <summary>Verifies a token over already-decoded parameters (which include <c>authToken</c> and <c>timeStamp</c>).</summary>
    public static SignatureCheck VerifyParameters(
        IReadOnlyList<string> keys, IReadOnlyList<KeyValuePair<string, string?>> parameters, bool skipBlank,
        PayloadVariant variant = PayloadVariant.RawBody)
    {
        var token = Lookup(parameters, ParameterName);
        var timeStamp = Lookup(parameters, TimeStampParameter);
        if (string.IsNullOrEmpty(timeStamp))
        {
            return SignatureCheck.Fail(SignatureVerdict.MissingTimestamp);
        }

        if (string.IsNullOrEmpty(token))
        {
            return SignatureCheck.Fail(SignatureVerdict.MissingSignature);
        }

        if (keys.Count == 0)
        {
            return SignatureCheck.Fail(SignatureVerdict.NoKeyConfigured);
        }

        token = StripQuotes(token)!.Replace(' ', '+');
        var canonical = CanonicalString(parameters, skipBlank);
        for (var i = 0; i < keys.Count; i++)
        {
            if (Hmac.TokenEquals(token, Compute(keys[i], timeStamp, canonical)))
            {
                return new SignatureCheck(SignatureVerdict.Valid, variant, i);
            }
        }

        return SignatureCheck.Fail(SignatureVerdict.BadSignature);
    }

    private static string? Lookup(IEnumerable<KeyValuePair<string, string?>> parameters, string name) =>
        parameters.FirstOrDefault(p => p.Key == name).Value;

    /// <summary>The doc examples show the header value in quotes, sometimes typographic ones.</summary>
    private static string? StripQuotes(string? value)
    {
        if (value is null)
        {
            return null;
        }

        var trimmed = value.Trim();
        return trimmed.Trim('"', '\u201C', '\u201D');
    }

    internal static string Utf8(ReadOnlySpan<byte> bytes) => Encoding.UTF8.GetString(bytes);
}

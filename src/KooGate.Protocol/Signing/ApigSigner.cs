using System.Security.Cryptography;
using System.Text;

namespace KooGate.Protocol.Signing;

/// <summary>Everything a signing step produced, so a failing signature can be debugged against the gateway's echo.</summary>
public sealed record ApigSignature(
    string CanonicalRequest, string StringToSign, string SignedHeaders, string Signature, string Authorization);

/// <summary>
/// Huawei API Gateway "SDK-HMAC-SHA256" AK/SK request signing for the marketplace open APIs
/// (license-order-openapi.md §E.3). Unlike AWS SigV4 there is no key derivation: the SK signs the string directly.
/// </summary>
public static class ApigSigner
{
    public const string Algorithm = "SDK-HMAC-SHA256";
    public const string DateHeader = "X-Sdk-Date";
    public const string ContentSha256Header = "X-Sdk-Content-Sha256";

    /// <summary>The gateway refuses an <c>X-Sdk-Date</c> more than 15 minutes from its clock.</summary>
    public static readonly TimeSpan MaxClockSkew = TimeSpan.FromMinutes(15);

    /// <summary>
    /// Signs a request. <paramref name="headers"/> are the headers to sign (besides <c>host</c> and
    /// <c>x-sdk-date</c>, which are added when absent); send exactly these values.
    /// </summary>
    public static ApigSignature Sign(
        string accessKey, string secretKey, string method, Uri url, string sdkDate,
        IEnumerable<KeyValuePair<string, string>> headers, ReadOnlySpan<byte> body)
    {
        var signed = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in headers)
        {
            signed[name.ToLowerInvariant()] = value.Trim();
        }

        signed.TryAdd("host", HostHeader(url));
        signed.TryAdd("x-sdk-date", sdkDate);
        return Compute(accessKey, secretKey, method, url, sdkDate, signed, body);
    }

    /// <summary>Computes the signature over the given (already chosen) headers.</summary>
    public static ApigSignature Compute(
        string accessKey, string secretKey, string method, Uri url, string sdkDate,
        IReadOnlyDictionary<string, string> signedHeaders, ReadOnlySpan<byte> body)
    {
        var names = signedHeaders.Keys.Select(k => k.ToLowerInvariant()).Order(StringComparer.Ordinal).ToList();
        var lookup = signedHeaders.ToDictionary(h => h.Key.ToLowerInvariant(), h => h.Value.Trim(), StringComparer.Ordinal);
        var canonicalHeaders = new StringBuilder();
        foreach (var name in names)
        {
            canonicalHeaders.Append(name).Append(':').Append(lookup[name]).Append('\n');
        }

        var signedHeaderList = string.Join(';', names);
        var payloadHash = lookup.TryGetValue(ContentSha256Header.ToLowerInvariant(), out var declared)
            ? declared
            : Convert.ToHexStringLower(SHA256.HashData(body));
        var canonicalRequest = string.Join('\n',
            method.ToUpperInvariant(),
            CanonicalUri(url),
            CanonicalQuery(url),
            canonicalHeaders.ToString(),
            signedHeaderList,
            payloadHash);
        var stringToSign = $"{Algorithm}\n{sdkDate}\n{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonicalRequest)))}";
        var signature = Convert.ToHexStringLower(Hmac.Sha256(secretKey, stringToSign));
        var authorization = $"{Algorithm} Access={accessKey}, SignedHeaders={signedHeaderList}, Signature={signature}";
        return new ApigSignature(canonicalRequest, stringToSign, signedHeaderList, signature, authorization);
    }

    /// <summary>Parses <c>SDK-HMAC-SHA256 Access=…, SignedHeaders=…, Signature=…</c>.</summary>
    public static bool TryParseAuthorization(string? header, out string accessKey, out IReadOnlyList<string> signedHeaders, out string signature)
    {
        accessKey = signature = string.Empty;
        signedHeaders = [];
        if (header is null || !header.StartsWith(Algorithm + " ", StringComparison.Ordinal))
        {
            return false;
        }

        var parts = header[(Algorithm.Length + 1)..].Split(',', StringSplitOptions.TrimEntries);
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var part in parts)
        {
            var eq = part.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0)
            {
                return false;
            }

            values[part[..eq]] = part[(eq + 1)..];
        }

        if (!values.TryGetValue("Access", out var ak) || !values.TryGetValue("SignedHeaders", out var sh)
            || !values.TryGetValue("Signature", out var sig) || ak.Length == 0 || sh.Length == 0 || sig.Length != 64)
        {
            return false;
        }

        accessKey = ak;
        signedHeaders = sh.Split(';');
        signature = sig;
        return true;
    }

    /// <summary>
    /// Verifies a received request (the emulator's gateway side). <paramref name="receivedHeaders"/> must give
    /// every received header (name case-insensitive); <paramref name="secretFor"/> maps an AK to its SK.
    /// </summary>
    public static ApigVerdict Verify(
        Func<string, string?> secretFor, string method, Uri url, string? authorization,
        IReadOnlyDictionary<string, string> receivedHeaders, ReadOnlySpan<byte> body, DateTimeOffset now)
    {
        if (!TryParseAuthorization(authorization, out var ak, out var names, out var signature))
        {
            return ApigVerdict.MalformedAuthorization;
        }

        var headers = new Dictionary<string, string>(receivedHeaders, StringComparer.OrdinalIgnoreCase);
        if (!names.Contains("x-sdk-date") || !headers.TryGetValue(DateHeader, out var date))
        {
            return ApigVerdict.MissingDate;
        }

        if (!KooTime.TryParseSdkDate(date, out var sent) || (now - sent).Duration() > MaxClockSkew)
        {
            return ApigVerdict.Expired;
        }

        if (secretFor(ak) is not { } secret)
        {
            return ApigVerdict.UnknownAccessKey;
        }

        var signed = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var name in names)
        {
            if (!headers.TryGetValue(name, out var value))
            {
                return ApigVerdict.BadSignature;
            }

            signed[name] = value;
        }

        var expected = Compute(ak, secret, method, url, date, signed, body);
        return Hmac.HexEquals(signature, Convert.FromHexString(expected.Signature)) ? ApigVerdict.Valid : ApigVerdict.BadSignature;
    }

    /// <summary><c>hostname[:port]</c> with the scheme's default port omitted.</summary>
    public static string HostHeader(Uri url) => url.IsDefaultPort ? url.IdnHost : $"{url.IdnHost}:{url.Port}";

    /// <summary>Each path segment decoded then RFC 3986-encoded, with a trailing <c>/</c> for signing.</summary>
    public static string CanonicalUri(Uri url)
    {
        var segments = url.AbsolutePath.Split('/').Select(s => Uri.EscapeDataString(QueryString.Decode(s, plusAsSpace: false)));
        var path = string.Join('/', segments);
        return path.EndsWith('/') ? path : path + "/";
    }

    /// <summary>Names and values RFC 3986-encoded, sorted by name then value, joined with <c>&amp;</c>.</summary>
    public static string CanonicalQuery(Uri url)
    {
        var query = url.Query;
        if (query.Length <= 1)
        {
            return string.Empty;
        }

        var pairs = query[1..].Split('&', StringSplitOptions.RemoveEmptyEntries).Select(part =>
        {
            var eq = part.IndexOf('=', StringComparison.Ordinal);
            var name = QueryString.Decode(eq < 0 ? part : part[..eq], plusAsSpace: false);
            var value = eq < 0 ? string.Empty : QueryString.Decode(part[(eq + 1)..], plusAsSpace: false);
            return (Name: Uri.EscapeDataString(name), Value: Uri.EscapeDataString(value));
        });
        return string.Join('&', pairs
            .OrderBy(p => p.Name, StringComparer.Ordinal)
            .ThenBy(p => p.Value, StringComparer.Ordinal)
            .Select(p => p.Name + "=" + p.Value));
    }
}

/// <summary>The outcome of checking an APIG-signed request.</summary>
public enum ApigVerdict
{
    Valid,
    MalformedAuthorization,
    MissingDate,
    Expired,
    UnknownAccessKey,
    BadSignature,
}

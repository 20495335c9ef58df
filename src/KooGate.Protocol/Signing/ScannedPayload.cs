using KooGate.Protocol.Json;

namespace KooGate.Protocol.Signing;

/// <summary>
/// A request payload scanned once for what a verifier refuses before anything else: a repeated key or parameter name
/// (README decision 13: a parser keeps one of the two values, the signature may cover the other). The verifier
/// overloads that take it trust the scan instead of repeating it; those that take raw bytes or text scan themselves.
/// Only the factories below make one, so a payload cannot reach a verifier unscanned.
/// </summary>
public sealed class ScannedPayload
{
    private ScannedPayload(byte[] body, string rawQuery, string? repeatedKey, bool hasUndecodableText)
    {
        (Body, RawQuery, RepeatedKey, HasUndecodableText) = (body, rawQuery, repeatedKey, hasUndecodableText);
    }

    /// <summary>The JSON body exactly as received (empty for a query).</summary>
    public byte[] Body { get; }

    /// <summary>The raw query, still percent-encoded (empty for a body).</summary>
    public string RawQuery { get; }

    /// <summary>The first key (or parameter name) found twice, or null.</summary>
    public string? RepeatedKey { get; }

    /// <summary>A JSON string or key holds invalid UTF-8 or a lone surrogate escape.</summary>
    public bool HasUndecodableText { get; }

    /// <summary>One pass over a JSON body: repeated keys at any depth and undecodable strings.</summary>
    public static ScannedPayload Json(byte[] body)
    {
        ArgumentNullException.ThrowIfNull(body);
        var inspection = StrictJson.Inspect(body);
        return new ScannedPayload(body, string.Empty, inspection.DuplicateKey, inspection.HasUndecodableText);
    }

    /// <summary>One pass over a raw query string: repeated parameter names.</summary>
    public static ScannedPayload Query(string rawQuery)
    {
        ArgumentNullException.ThrowIfNull(rawQuery);
        return new ScannedPayload([], rawQuery, QueryString.FindDuplicateName(rawQuery), false);
    }
}

using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using KooGate.Server.Data;

namespace KooGate.Server.Produce;

/// <summary>
/// Writes the append-only callback log: request, response and verdict, with secrets and personal data redacted.
/// Every call is recorded whatever its body (repeated keys, undecodable strings, not JSON at all); a call whose
/// signature did not verify keeps only the first <see cref="RefusedBodyLimit"/> characters of its body and query, so
/// unsigned traffic cannot fill the disk.
/// </summary>
public sealed partial class CallbackRecorder(CallbackLogWriter writer)
{
    /// <summary>What is kept of the body (and query) of a call that was not verified.</summary>
    public const int RefusedBodyLimit = 4096;

    /// <summary>Activity names come from unverified bodies too.</summary>
    private const int MaxActivityLength = 128;

    private static readonly JsonSerializerOptions RelaxedJson = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static readonly HashSet<string> SecretFields = new(StringComparer.OrdinalIgnoreCase)
    {
        "clientSecret", "password", "mobilePhone", "email", "mobile", "authToken", "signature", "x-sign",
    };

    /// <summary>
    /// Redacts <paramref name="entry"/>'s texts (the request body and query as received) and completes once the entry
    /// is committed (group commit, see <see cref="CallbackLogWriter"/>).
    /// </summary>
    public Task RecordAsync(CallbackLog entry, bool verified)
    {
        var limit = verified ? int.MaxValue : RefusedBodyLimit;
        entry.Activity = entry.Activity is null ? null : Storable(Truncate(entry.Activity, MaxActivityLength));
        entry.Path = Storable(Truncate(entry.Path, RefusedBodyLimit));
        entry.Query = entry.Query is null ? null : Storable(Truncate(RedactQuery(entry.Query), limit));
        entry.RequestBody = entry.RequestBody is null ? null : Storable(Truncate(Redact(entry.RequestBody), limit));
        entry.ResponseBody = entry.ResponseBody is null ? null : Storable(Redact(entry.ResponseBody));
        return writer.WriteAsync(entry);
    }

    /// <summary>
    /// The text with secret-bearing fields (at any depth, and inside JSON carried as a string, such as a Kit V1
    /// <c>userList</c>) replaced by <c>***</c>. Text that is not JSON a parser can hold — repeated keys, lone
    /// surrogates, plain garbage — is redacted by pattern instead; it is never dropped.
    /// </summary>
    public static string Redact(string text)
    {
        if (!MayHoldSecret(text))
        {
            return text;
        }

        try
        {
            var node = JsonNode.Parse(text);
            return RedactNode(node) is { } replaced ? replaced.ToJsonString(RelaxedJson) : node?.ToJsonString(RelaxedJson) ?? "null";
        }
        catch (Exception e) when (e is JsonException or ArgumentException or InvalidOperationException or FormatException)
        {
            return RedactByPattern(text);
        }
    }

    /// <summary>
    /// False when no secret field's name occurs in the text at all (case-insensitively) and nothing is escaped (so
    /// no name hides behind <c>\u</c> escapes and no JSON is embedded in a string): then there is nothing to redact
    /// and the text is kept exactly as received, without a parse. Most calls carry no secret.
    /// </summary>
    private static bool MayHoldSecret(string text)
    {
        if (text.Contains('\\', StringComparison.Ordinal))
        {
            return true;
        }

        foreach (var name in SecretFields)
        {
            if (text.Contains(name, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    public static string RedactQuery(string query) =>
        string.Join('&', query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries).Select(part =>
        {
            var eq = part.IndexOf('=', StringComparison.Ordinal);
            var name = eq < 0 ? part : part[..eq];
            return SecretFields.Contains(Uri.UnescapeDataString(name)) ? name + "=***" : part;
        }));

    /// <summary>Redacts in place; returns a replacement when <paramref name="node"/> itself must be replaced.</summary>
    private static JsonNode? RedactNode(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var name in obj.Select(p => p.Key).ToList())
                {
                    if (SecretFields.Contains(name) && obj[name] is not null)
                    {
                        obj[name] = "***";
                    }
                    else if (RedactNode(obj[name]) is { } replaced)
                    {
                        obj[name] = replaced;
                    }
                }

                return null;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    if (RedactNode(array[i]) is { } replaced)
                    {
                        array[i] = replaced;
                    }
                }

                return null;
            case JsonValue value when value.GetValueKind() == JsonValueKind.String
                                      && value.GetValue<string>().TrimStart() is ['[' or '{', ..] embedded:
                // README decision 9: lists may arrive as JSON text inside a string; their members are redacted too.
                var redacted = Redact(embedded);
                return redacted == embedded ? null : JsonValue.Create(redacted);
            default:
                return null;
        }
    }

    private static string RedactByPattern(string text) =>
        EscapedPair().Replace(QuotedPair().Replace(text, RedactPair), RedactPair);

    private static string RedactPair(Match match)
    {
        string name;
        try
        {
            name = JsonSerializer.Deserialize<string>("\"" + match.Groups["name"].Value + "\"") ?? string.Empty;
        }
        catch (JsonException)
        {
            name = match.Groups["name"].Value;
        }

        return SecretFields.Contains(name)
            ? match.Groups["open"].Value + match.Groups["name"].Value + match.Groups["open"].Value + ":" + match.Groups["open"].Value + "***" + match.Groups["open"].Value
            : match.Value;
    }

    /// <summary><c>"name" : "value"</c> or <c>"name": 123</c>.</summary>
    [GeneratedRegex("""(?<open>")(?<name>(?:[^"\\]|\\.){1,64})"\s*:\s*(?:"(?:[^"\\]|\\.)*"|[^,}\]\s"]+)""")]
    private static partial Regex QuotedPair();

    /// <summary>The same pair inside a JSON string: <c>\"name\":\"value\"</c>.</summary>
    [GeneratedRegex("""(?<open>\\")(?<name>[A-Za-z-]{1,64})\\"\s*:\s*(?:\\".*?\\"|[^,}\]\s\\]+)""")]
    private static partial Regex EscapedPair();

    private static string Truncate(string text, int limit) => text.Length > limit ? text[..limit] + "…" : text;

    /// <summary>PostgreSQL text cannot hold NUL, and a lone surrogate cannot be encoded: both become U+FFFD.</summary>
    private static string Storable(string text)
    {
        if (!text.Contains('\0', StringComparison.Ordinal) && !HasLoneSurrogate(text))
        {
            return text;
        }

        var chars = text.ToCharArray();
        for (var i = 0; i < chars.Length; i++)
        {
            var pairedHigh = char.IsHighSurrogate(chars[i]) && i + 1 < chars.Length && char.IsLowSurrogate(chars[i + 1]);
            if (pairedHigh)
            {
                i++;
            }
            else if (chars[i] == '\0' || char.IsSurrogate(chars[i]))
            {
                chars[i] = '\uFFFD';
            }
        }

        return new string(chars);
    }

    private static bool HasLoneSurrogate(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(text[i]))
            {
                return true;
            }
        }

        return false;
    }
}

using System.Diagnostics.CodeAnalysis;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace KooGate.Protocol.Messages;

/// <summary>
/// JSON carried inside a JSON string: V1 <c>userList</c>/<c>orgInfo</c>, the V2 <c>orgInfoList</c> example,
/// <c>changeInstanceCheck.productInfo</c> and <c>license_code_info</c>. The V2 allOrgSync doc example even uses
/// unquoted keys (<c>[{orgCode:"00000001", ...}]</c>, saas-v1-and-joint.md §5.5), so bare keys are quoted on a retry.
/// </summary>
internal static class EmbeddedJson
{
    private static readonly JsonDocumentOptions Options = new() { AllowTrailingCommas = true, MaxDepth = 64 };

    public static T[] ReadArray<T>(ref Utf8JsonReader reader, JsonTypeInfo<T[]> typeInfo)
    {
        try
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.StartArray:
                    return JsonSerializer.Deserialize(ref reader, typeInfo) ?? [];
                case JsonTokenType.String:
                    var text = reader.GetString()!;
                    if (string.IsNullOrWhiteSpace(text))
                    {
                        return [];
                    }

                    if (TryParse(text, out var root) && root.ValueKind == JsonValueKind.Array)
                    {
                        return root.Deserialize(typeInfo) ?? [];
                    }

                    break;
            }
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            // Rethrown without a path so that the serializer reports the list property itself.
        }

        throw new JsonException("Expected a JSON array or a string holding one.");
    }

    /// <summary>The object itself, or the object a JSON string holds.</summary>
    public static bool TryGetObject(JsonElement element, out JsonElement value)
    {
        value = element;
        if (element.ValueKind == JsonValueKind.Object)
        {
            return true;
        }

        return element.ValueKind == JsonValueKind.String
            && TryGetString(element, out var text)
            && TryParse(text, out value)
            && value.ValueKind == JsonValueKind.Object;
    }

    /// <summary>A string element holding invalid UTF-8 throws on decoding; that is a bad value, not an error.</summary>
    private static bool TryGetString(JsonElement element, out string text)
    {
        try
        {
            text = element.GetString() ?? string.Empty;
            return true;
        }
        catch (InvalidOperationException)
        {
            text = string.Empty;
            return false;
        }
    }

    public static bool TryDeserializeObject<T>(JsonElement? element, JsonTypeInfo<T> typeInfo, [NotNullWhen(true)] out T? value)
        where T : class
    {
        value = null;
        if (element is not { } candidate || !TryGetObject(candidate, out var json))
        {
            return false;
        }

        try
        {
            value = json.Deserialize(typeInfo);
            return value is not null;
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or NotSupportedException)
        {
            return false;
        }
    }

    public static bool TryDeserializeObject<T>(string? text, JsonTypeInfo<T> typeInfo, [NotNullWhen(true)] out T? value)
        where T : class
    {
        value = null;
        return text is not null && TryParse(text, out var root) && TryDeserializeObject(root, typeInfo, out value);
    }

    public static bool TryParse(string text, out JsonElement root)
    {
        if (TryParseStrict(text, out root))
        {
            return true;
        }

        var quoted = QuoteBareKeys(text);
        return !ReferenceEquals(quoted, text) && TryParseStrict(quoted, out root);
    }

    /// <summary>Quotes identifier keys (<c>{orgCode:"1"}</c> → <c>{"orgCode":"1"}</c>); returns the input when none.</summary>
    internal static string QuoteBareKeys(string text)
    {
        var builder = new StringBuilder(text.Length + 16);
        var changed = false;
        var inString = false;
        var expectKey = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (inString)
            {
                builder.Append(c);
                if (c == '\\' && i + 1 < text.Length)
                {
                    builder.Append(text[++i]);
                }
                else if (c == '"')
                {
                    inString = false;
                }

                continue;
            }

            if (expectKey && IsIdentifierStart(c))
            {
                var end = i + 1;
                while (end < text.Length && IsIdentifierPart(text[end]))
                {
                    end++;
                }

                var colon = end;
                while (colon < text.Length && char.IsWhiteSpace(text[colon]))
                {
                    colon++;
                }

                if (colon < text.Length && text[colon] == ':')
                {
                    builder.Append('"').Append(text, i, end - i).Append('"');
                    changed = true;
                }
                else
                {
                    builder.Append(text, i, end - i);
                }

                i = end - 1;
                expectKey = false;
                continue;
            }

            inString = c == '"';
            if (c is '{' or ',')
            {
                expectKey = true;
            }
            else if (!char.IsWhiteSpace(c))
            {
                expectKey = false;
            }

            builder.Append(c);
        }

        return changed ? builder.ToString() : text;
    }

    private static bool IsIdentifierStart(char c) => char.IsAsciiLetter(c) || c is '_' or '$';

    private static bool IsIdentifierPart(char c) => char.IsAsciiLetterOrDigit(c) || c is '_' or '$';

    private static bool TryParseStrict(string text, out JsonElement root)
    {
        root = default;
        try
        {
            using var document = JsonDocument.Parse(text, Options);
            root = document.RootElement.Clone();
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}

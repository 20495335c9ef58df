using System.Globalization;
using System.Text;
using System.Text.Json;

namespace KooGate.Protocol.Json;

/// <summary>
/// The body form Huawei's sample signs (saas-v2.md §2.2.1): the JSON object re-serialised the way Jackson writes a
/// <c>TreeMap</c> — top-level keys sorted ordinally, compact, non-ASCII and <c>/</c> left unescaped, nested values and
/// number literals kept as received. Every member that is present is kept, a <c>null</c> included, and a body with a
/// repeated key has no canonical form (README decisions 2 and 13): two different bodies never share one.
/// </summary>
public static class CanonicalJson
{
    private static readonly JsonDocumentOptions Options = new() { MaxDepth = 64 };

    public static bool TryCanonicalize(ReadOnlySpan<byte> body, out byte[] canonical)
    {
        canonical = [];
        try
        {
            using var document = JsonDocument.Parse(body.ToArray(), Options);
            if (document.RootElement.ValueKind != JsonValueKind.Object || StrictJson.FindDuplicateKey(body) is not null)
            {
                return false;
            }

            var builder = new StringBuilder(body.Length + 16);
            builder.Append('{');
            var first = true;
            foreach (var property in document.RootElement.EnumerateObject().OrderBy(p => p.Name, StringComparer.Ordinal))
            {
                if (!first)
                {
                    builder.Append(',');
                }

                first = false;
                WriteString(builder, property.Name);
                builder.Append(':');
                WriteValue(builder, property.Value);
            }

            builder.Append('}');
            canonical = Encoding.UTF8.GetBytes(builder.ToString());
            return true;
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or ArgumentException)
        {
            return false;
        }
    }

    /// <summary>Canonical form of a UTF-8 JSON text, or null when it is not a JSON object.</summary>
    public static string? Canonicalize(string json) =>
        TryCanonicalize(Encoding.UTF8.GetBytes(json), out var bytes) ? Encoding.UTF8.GetString(bytes) : null;

    /// <summary>Compact Jackson-style text of any element (nested order kept).</summary>
    public static string Compact(JsonElement element)
    {
        var builder = new StringBuilder();
        WriteValue(builder, element);
        return builder.ToString();
    }

    private static void WriteValue(StringBuilder builder, JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                builder.Append('{');
                var firstProperty = true;
                foreach (var property in element.EnumerateObject())
                {
                    if (!firstProperty)
                    {
                        builder.Append(',');
                    }

                    firstProperty = false;
                    WriteString(builder, property.Name);
                    builder.Append(':');
                    WriteValue(builder, property.Value);
                }

                builder.Append('}');
                break;
            case JsonValueKind.Array:
                builder.Append('[');
                var firstItem = true;
                foreach (var item in element.EnumerateArray())
                {
                    if (!firstItem)
                    {
                        builder.Append(',');
                    }

                    firstItem = false;
                    WriteValue(builder, item);
                }

                builder.Append(']');
                break;
            case JsonValueKind.String:
                WriteString(builder, element.GetString()!);
                break;
            default:
                // Numbers, true, false and null: the literal exactly as received.
                builder.Append(element.GetRawText());
                break;
        }
    }

    /// <summary>Jackson's default string escaping: only <c>"</c>, <c>\</c> and control characters.</summary>
    internal static void WriteString(StringBuilder builder, string value)
    {
        builder.Append('"');
        foreach (var c in value)
        {
            switch (c)
            {
                case '"': builder.Append("\\\""); break;
                case '\\': builder.Append("\\\\"); break;
                case '\b': builder.Append("\\b"); break;
                case '\t': builder.Append("\\t"); break;
                case '\n': builder.Append("\\n"); break;
                case '\f': builder.Append("\\f"); break;
                case '\r': builder.Append("\\r"); break;
                default:
                    if (c < 0x20)
                    {
                        builder.Append("\\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        builder.Append(c);
                    }

                    break;
            }
        }

        builder.Append('"');
    }
}

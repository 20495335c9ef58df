using System.Buffers;
using System.Text;
using System.Text.Json;

namespace KooGate.Protocol.Messages;

/// <summary>
/// Binds V1 GET parameters (already URL-decoded, first value of a repeated name wins; saas-v1-and-joint.md §2.1) to a
/// message record through its JSON wire names, and back.
/// </summary>
internal static class QueryBinder
{
    public static T Bind<T>(IReadOnlyList<KeyValuePair<string, string?>> query)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(query);
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var (name, value) in query)
            {
                if (seen.Add(name))
                {
                    writer.WriteString(WellFormed(name), WellFormed(value ?? string.Empty));
                }
            }

            writer.WriteEndObject();
        }

        // Every V1 field is a string, so binding cannot fail on the values.
        return JsonSerializer.Deserialize(buffer.WrittenSpan, KooJson.TypeInfo<T>())
            ?? throw new InvalidOperationException("A JSON object cannot bind to null.");
    }

    public static IReadOnlyList<KeyValuePair<string, string?>> ToQuery<T>(T message)
    {
        var element = JsonSerializer.SerializeToElement(message, KooJson.TypeInfo<T>());
        return
        [
            .. element.EnumerateObject().Select(p => new KeyValuePair<string, string?>(
                p.Name, p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString() : p.Value.GetRawText())),
        ];
    }

    /// <summary>Lone surrogates cannot be written as JSON; they become U+FFFD like any invalid UTF-8 would.</summary>
    private static string WellFormed(string text) =>
        text.AsSpan().ContainsAnyInRange('\uD800', '\uDFFF') ? Encoding.UTF8.GetString(Encoding.UTF8.GetBytes(text)) : text;
}

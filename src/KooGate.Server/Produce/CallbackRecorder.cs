using System.Text.Json;
using System.Text.Json.Nodes;
using KooGate.Server.Data;

namespace KooGate.Server.Produce;

/// <summary>Writes the append-only callback log: request, response and verdict, with secrets redacted.</summary>
public sealed class CallbackRecorder(CallbackLogWriter writer)
{
    private static readonly JsonSerializerOptions RelaxedJson = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static readonly HashSet<string> SecretFields = new(StringComparer.OrdinalIgnoreCase)
    {
        "clientSecret", "password", "mobilePhone", "email", "mobile", "authToken", "signature", "x-sign",
    };

    /// <summary>Completes once the entry is committed (group commit, see <see cref="CallbackLogWriter"/>).</summary>
    public Task RecordAsync(CallbackLog entry) => writer.WriteAsync(entry);

    /// <summary>The JSON text with secret-bearing fields (at any depth) replaced by <c>***</c>; non-JSON is truncated.</summary>
    public static string Redact(string text)
    {
        try
        {
            var node = JsonNode.Parse(text);
            RedactNode(node);
            return node?.ToJsonString(RelaxedJson) ?? "null";
        }
        catch (JsonException)
        {
            return text.Length > 2048 ? text[..2048] + "…" : text;
        }
    }

    public static string RedactQuery(string query) =>
        string.Join('&', query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries).Select(part =>
        {
            var eq = part.IndexOf('=', StringComparison.Ordinal);
            var name = eq < 0 ? part : part[..eq];
            return SecretFields.Contains(name) ? name + "=***" : part;
        }));

    private static void RedactNode(JsonNode? node)
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
                    else
                    {
                        RedactNode(obj[name]);
                    }
                }

                break;
            case JsonArray array:
                foreach (var item in array)
                {
                    RedactNode(item);
                }

                break;
        }
    }
}

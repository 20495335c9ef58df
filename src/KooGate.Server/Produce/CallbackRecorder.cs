using System.Text.Json;
using System.Text.Json.Nodes;
using KooGate.Server.Data;

namespace KooGate.Server.Produce;

/// <summary>Writes the append-only callback log: request, response and verdict, with secrets redacted.</summary>
public sealed class CallbackRecorder(KooGateDbContext db, ILogger<CallbackRecorder> logger)
{
    private static readonly HashSet<string> SecretFields = new(StringComparer.OrdinalIgnoreCase)
    {
        "clientSecret", "password", "mobilePhone", "email", "mobile", "authToken", "signature", "x-sign",
    };

    public async Task RecordAsync(CallbackLog entry, CancellationToken cancellationToken)
    {
        db.ChangeTracker.Clear();
        db.CallbackLogs.Add(entry);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (Exception e) when (e is Microsoft.EntityFrameworkCore.DbUpdateException or InvalidOperationException)
        {
            logger.LogError(e, "could not record callback {Family} {Activity} {ResultCode}", entry.Family, entry.Activity, entry.ResultCode);
        }
    }

    /// <summary>The JSON text with secret-bearing fields (at any depth) replaced by <c>***</c>; non-JSON is truncated.</summary>
    public static string Redact(string text)
    {
        try
        {
            var node = JsonNode.Parse(text);
            RedactNode(node);
            return node?.ToJsonString(new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }) ?? "null";
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

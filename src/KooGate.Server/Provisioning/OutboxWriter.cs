using System.Text.Json;
using KooGate.Server.Data;

namespace KooGate.Server.Provisioning;

/// <summary>
/// Adds a hand-off event to the current unit of work, so it commits (or not) with the change it describes.
/// Nothing is written for debug calls or when no webhook is configured at all.
/// </summary>
public sealed class OutboxWriter(Products.ProductSettings products, Outbox.OutboxDispatcher dispatcher)
{
    private static readonly JsonSerializerOptions PayloadJson = new(JsonSerializerDefaults.Web);

    /// <summary>A webhook URL is configured, by default or for some product (each event goes to its product's).</summary>
    public bool Enabled => products.AnyWebhook;

    public void Add(KooGateDbContext db, string type, string? instanceId, object data, DateTimeOffset now)
    {
        if (!Enabled)
        {
            return;
        }

        var id = Guid.CreateVersion7(now);
        var payload = JsonSerializer.Serialize(new Dictionary<string, object?>
        {
            ["id"] = id.ToString(),
            ["type"] = type,
            ["createdAt"] = now.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
            ["instanceId"] = instanceId,
            ["data"] = data,
        }, PayloadJson);
        db.SavedChanges += (_, _) => dispatcher.Wake();
        db.Outbox.Add(new OutboxMessage
        {
            Id = id,
            Type = type,
            Payload = payload,
            InstanceId = instanceId,
            CreatedAt = now,
            NextAttemptAt = now,
            Status = OutboxStatus.Pending,
        });
    }
}

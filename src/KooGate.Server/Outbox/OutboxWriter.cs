using System.Text.Json;
using System.Text.Json.Nodes;
using KooGate.Client.Events;
using KooGate.Server.Data;

namespace KooGate.Server.Outbox;

/// <summary>
/// Adds a hand-off event to the current unit of work, so it commits (or not) with the change it describes. The body is
/// the Standard Webhooks shape <c>{"id", "type", "timestamp", "data"}</c>; <c>data.instanceId</c> names the instance.
/// Nothing is written for debug calls or when no webhook is configured at all.
/// </summary>
public sealed class OutboxWriter(Products.ProductSettings products, OutboxDispatcher dispatcher)
{
    /// <summary>A webhook URL is configured, by default or for some product (each event goes to its product's).</summary>
    public bool Enabled => products.AnyWebhook;

    /// <param name="order">The order line the event reports, if any.</param>
    /// <param name="hasOrderDetails">Whether <c>data.order</c> already carries that order's details.</param>
    /// <param name="heldUntil">Hold the event (and the instance's later ones) until the order's details arrive, at most until then.</param>
    public OutboxMessage? Add(
        KooGateDbContext db, string type, string? instanceId, object data, DateTimeOffset now,
        (string OrderId, string OrderLineId)? order = null, bool hasOrderDetails = false, DateTimeOffset? heldUntil = null)
    {
        if (!Enabled)
        {
            return null;
        }

        var id = Guid.CreateVersion7(now);
        var body = JsonSerializer.SerializeToNode(data, data.GetType(), EventJson.Options)!.AsObject();
        if (instanceId is not null && !body.ContainsKey("instanceId"))
        {
            body.Insert(0, "instanceId", instanceId);
        }

        var payload = new JsonObject
        {
            ["id"] = id.ToString(),
            ["type"] = type,
            ["timestamp"] = now,
            ["data"] = body,
        };
        db.SavedChanges += (_, _) => dispatcher.Wake();
        var message = new OutboxMessage
        {
            Id = id,
            Type = type,
            Payload = payload.ToJsonString(EventJson.Options),
            InstanceId = instanceId,
            OrderId = order?.OrderId,
            OrderLineId = order?.OrderLineId,
            HasOrderDetails = hasOrderDetails,
            HeldUntil = heldUntil,
            CreatedAt = now,
            NextAttemptAt = heldUntil ?? now,
            Status = heldUntil is null ? OutboxStatus.Pending : OutboxStatus.Held,
        };
        db.Outbox.Add(message);
        return message;
    }
}

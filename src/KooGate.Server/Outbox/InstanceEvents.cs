using System.Text.Json;
using System.Text.Json.Nodes;
using KooGate.Client.Events;
using KooGate.Protocol.Messages;
using KooGate.Server.Configuration;
using KooGate.Server.Data;
using KooGate.Server.Orders;
using Microsoft.Extensions.Options;

namespace KooGate.Server.Outbox;

/// <summary>
/// The <c>instance.*</c> events: each carries the instance's purchase as it stands (product, SKU, quantity, expiry,
/// customer) and, when an order caused it, that order. An order whose details are not known yet holds its event for
/// at most <see cref="WebhookOptions.OrderDetailsWaitSeconds"/> while 查询订单 runs; if the open API is not configured
/// the event goes at once. Either way, an event sent with <c>order: null</c> is followed by
/// <c>instance.order_details</c> when the details arrive (see <see cref="CompleteAsync"/>).
/// </summary>
public sealed class InstanceEvents(OutboxWriter outbox, IOptions<KooGateOptions> options)
{
    public bool Enabled => outbox.Enabled;

    /// <summary>An event about an order applied to the instance.</summary>
    public void AddForOrder(KooGateDbContext db, string type, InstanceRecord instance, InstancePurchase? purchase, OrderDetails order, InstanceEventData data, DateTimeOffset now)
    {
        var known = PurchaseLedger.IsKnown(order);
        var filled = Describe(data, instance, purchase) with
        {
            OrderId = order.OrderId,
            OrderLineId = order.OrderLineId,
            Order = known ? ToPurchaseOrder(order) : null,
        };
        DateTimeOffset? hold = !known && options.Value.Marketplace.IsConfigured && options.Value.Webhook.OrderDetailsWaitSeconds > 0
            ? now.AddSeconds(options.Value.Webhook.OrderDetailsWaitSeconds)
            : null;
        outbox.Add(db, type, instance.InstanceId, filled, now, (order.OrderId, order.OrderLineId), hasOrderDetails: known, heldUntil: hold);
    }

    /// <summary>An event without an order (freeze by expiry, a release without an unsubscribe order, …).</summary>
    public void Add(KooGateDbContext db, string type, InstanceRecord instance, InstancePurchase? purchase, InstanceEventData data, DateTimeOffset now) =>
        outbox.Add(db, type, instance.InstanceId, Describe(data, instance, purchase), now);

    /// <summary>Copies the instance's current purchase into the common fields of <paramref name="data"/>.</summary>
    public static InstanceEventData Describe(InstanceEventData data, InstanceRecord instance, InstancePurchase? purchase) => data with
    {
        InstanceId = instance.InstanceId,
        State = instance.State.ToString().ToLowerInvariant(),
        ProductId = instance.ProductId,
        SkuCode = instance.SkuCode,
        ChargingMode = instance.ChargingMode,
        ExpireTime = instance.ExpireTime,
        Quantity = purchase?.LinearValue,
        PeriodType = purchase?.PeriodType,
        PeriodNumber = purchase?.PeriodNumber,
        Trial = purchase?.Trial,
        CustomerId = purchase?.CustomerId,
        CustomerName = purchase?.CustomerName,
    };

    public static PurchaseOrder ToPurchaseOrder(OrderDetails order) => new()
    {
        OrderId = order.OrderId,
        OrderLineId = order.OrderLineId,
        OrderType = order.OrderType,
        Kind = order.Kind,
        CustomerId = order.CustomerId,
        CustomerName = order.CustomerName,
        UserId = order.UserId,
        UserName = order.UserName,
        ProductId = order.ProductId,
        SkuCode = order.SkuCode,
        Quantity = order.LinearValue,
        ChargingMode = order.ChargingMode,
        PeriodType = order.PeriodType,
        PeriodNumber = order.PeriodNumber,
        Amount = order.Amount,
        Trial = order.Trial,
        CreateTime = order.CreateTime,
        ExpireTime = order.ExpireTime,
        ExtendParams = order.ExtendParamsJson is { } json
            ? [.. (JsonSerializer.Deserialize(json, KooJsonContext.Default.ExtendParamArray) ?? []).Select(p => new ExtendParameter(p.Name, p.Value))]
            : [],
    };

    /// <summary>
    /// The order's details just became known (caller saves): held events about it are completed with them and
    /// released; if an event about it already went out without them, <c>instance.order_details</c> follows.
    /// </summary>
    public async Task CompleteAsync(KooGateDbContext db, InstanceRecord instance, InstancePurchase purchase, OrderDetails order, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (!Enabled)
        {
            return;
        }

        var details = ToPurchaseOrder(order);
        var messages = await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.ToListAsync(
            db.Outbox.Where(m => m.OrderId == order.OrderId && m.OrderLineId == order.OrderLineId && !m.HasOrderDetails), cancellationToken);
        var sentWithout = false;
        foreach (var message in messages)
        {
            if (message.Status == OutboxStatus.Held)
            {
                // The dispatcher releases it only through a conditional update, so completing it here is safe: if the
                // dispatcher won, the save below fails on the version check and the fetch retries.
                message.Payload = Complete(message.Payload, details);
                message.HasOrderDetails = true;
                message.Status = OutboxStatus.Pending;
                message.NextAttemptAt = now;
            }
            else if (message.Type != EventTypes.InstanceOrderDetails)
            {
                sentWithout = true;
            }
        }

        if (sentWithout && !messages.Any(m => m.Status == OutboxStatus.Pending && m.HasOrderDetails))
        {
            AddForOrder(db, EventTypes.InstanceOrderDetails, instance, purchase, order, new InstanceOrderDetails { InstanceId = instance.InstanceId }, now);
        }
    }

    /// <summary>Fills a held event's <c>order</c> and the purchase fields that order sets.</summary>
    private static string Complete(string payload, PurchaseOrder details)
    {
        var root = JsonNode.Parse(payload)!.AsObject();
        var data = root["data"]!.AsObject();
        data["order"] = JsonSerializer.SerializeToNode(details, EventJson.Options);
        void Set(string name, JsonNode? value, bool onlyIfMissing = false)
        {
            if (value is not null && (!onlyIfMissing || data[name] is null))
            {
                data[name] = value;
            }
        }

        if (!OrderKinds.Withdraws(details.Kind))
        {
            Set("productId", details.ProductId);
            Set("skuCode", details.SkuCode);
            Set("quantity", details.Quantity);
            Set("chargingMode", details.ChargingMode);
            Set("periodType", details.PeriodType);
            Set("periodNumber", details.PeriodNumber);
            Set("trial", details.Trial);
        }

        Set("customerId", details.CustomerId, onlyIfMissing: true);
        Set("customerName", details.CustomerName, onlyIfMissing: true);
        Set("expireTime", details.ExpireTime is { } expire ? JsonValue.Create(expire) : null, onlyIfMissing: true);
        return root.ToJsonString(EventJson.Options);
    }
}

using KooGate.Client.Events;
using KooGate.Server.Data;
using KooGate.Server.Orders;
using KooGate.Server.Outbox;

namespace KooGate.Server.Instances;

/// <summary>
/// The instance transitions of every family: renew once per order (SaaS V2 <c>refreshInstance</c>, V1
/// <c>refreshInstance</c>, legacy <c>refreshLicense</c>), upgrade once per order (SaaS V2 <c>upgradeInstance</c>, V1
/// <c>upgrade</c>), freeze and unfreeze (SaaS V2 <c>updateInstanceStatus</c>, V1 <c>expireInstance</c>/<c>instanceStatus</c>,
/// legacy <c>expireLicense</c>), release (SaaS V2, SaaS V1, legacy License). Each writes the state, its event row and
/// its hand-off event in one save and returns a <see cref="LifecycleOutcome"/> the interface answers with (unknown
/// instances 000003); repeats succeed without side effects; debug probes (<c>testFlag=1</c>) are answered but change nothing (saas-v2.md §1.7, §3.3–3.6, saas-v1-and-joint.md §3.2–3.6,
/// license-order-openapi.md §B).
/// </summary>
public sealed class InstanceLifecycle(InstanceStore store, KooGateDbContext db, InstanceEvents events)
{
    /// <summary>
    /// Renewal, trial conversion, renewal refund or renewal change: the call sets the new expiry (and product, when it
    /// names one). A released instance cannot be renewed.
    /// </summary>
    public Task<LifecycleOutcome> RenewAsync(InstanceOrder order, DateTimeOffset expireTime, string? productId, string scene, CancellationToken cancellationToken) =>
        ApplyOnceAsync(order, async current =>
        {
            var previous = current.ExpireTime;
            var (recorded, purchase) = await RecordAsync(order, current, cancellationToken);
            current.ExpireTime = expireTime;
            current.ProductId = productId ?? current.ProductId;
            Apply(order, "renewed", current, purchase, recorded);
            events.AddForOrder(db, EventTypes.InstanceRenewed, current, purchase, recorded,
                new InstanceRenewed { InstanceId = current.InstanceId, Scene = scene, PreviousExpireTime = previous }, order.Now);
        }, cancellationToken);

    /// <summary>A paid upgrade (new SKU/linear values) under a new order; the instance id stays. A released instance cannot be upgraded.</summary>
    public Task<LifecycleOutcome> UpgradeAsync(InstanceOrder order, CancellationToken cancellationToken) =>
        ApplyOnceAsync(order, async current =>
        {
            var (recorded, purchase) = await RecordAsync(order, current, cancellationToken);
            var upgraded = new InstanceUpgraded
            {
                InstanceId = current.InstanceId,
                PreviousProductId = current.ProductId,
                PreviousSkuCode = current.SkuCode,
                PreviousQuantity = purchase.LinearValue,
            };
            Apply(order, "upgraded", current, purchase, recorded);
            events.AddForOrder(db, EventTypes.InstanceUpgraded, current, purchase, recorded, upgraded, order.Now);
        }, cancellationToken);

    /// <summary>
    /// Applies <paramref name="order"/> to its live instance once (<see cref="OrderOnce"/>): unknown and released
    /// instances are reported as such, debug calls are answered and never applied. The instance
    /// is read again inside the unit of work, so a concurrent release wins.
    /// </summary>
    private async Task<LifecycleOutcome> ApplyOnceAsync(InstanceOrder order, Func<InstanceRecord, Task> apply, CancellationToken cancellationToken)
    {
        var (instanceId, orderId) = (order.InstanceId, order.OrderId);
        var instance = await store.FindAsync(instanceId, cancellationToken);
        if (instance is null)
        {
            return LifecycleOutcome.Unknown(instanceId, orderId, order.IsTest);
        }

        if (instance.State == InstanceState.Released)
        {
            return new LifecycleOutcome(LifecycleStatus.InstanceReleased, instanceId, orderId);
        }

        var result = LifecycleOutcome.Applied(instanceId, orderId);
        if (order.IsTest)
        {
            return result;
        }

        await OrderOnce.RunAsync(db, orderId, order.LineId, order.AppliedKind, async () =>
        {
            if (await store.FindAsync(instanceId, cancellationToken) is not { State: not InstanceState.Released } current)
            {
                return false;
            }

            await apply(current);
            return true;
        }, cancellationToken);
        return result;
    }

    /// <summary>
    /// Marks the order applied and records it in the order ledger (whoever recorded it first); what the call says about
    /// it fills the gaps the instance already knows.
    /// </summary>
    private async Task<(OrderDetails Order, InstancePurchase Purchase)> RecordAsync(InstanceOrder order, InstanceRecord instance, CancellationToken cancellationToken)
    {
        db.AppliedOrders.Add(new AppliedOrder { OrderId = order.OrderId, OrderLineId = order.LineId, Kind = order.AppliedKind, InstanceId = instance.InstanceId, AppliedAt = order.Now });
        var fromCall = order.FromCall is not { } describe ? null : (Action<OrderDetails>)(row =>
        {
            row.ProductId ??= instance.ProductId;
            row.SkuCode ??= instance.SkuCode;
            row.ChargingMode ??= instance.ChargingMode;
            describe(row);
        });
        var recorded = await PurchaseLedger.RecordAsync(db, order.OrderId, order.LineId, instance.InstanceId, order.OrderKind, order.Now, cancellationToken, fromCall);
        return (recorded, await PurchaseLedger.PurchaseAsync(db, instance.InstanceId, order.Now, cancellationToken));
    }

    /// <summary>Merges a known order into the purchase, applies the call's own purchase changes and notes the event row.</summary>
    private void Apply(InstanceOrder order, string type, InstanceRecord instance, InstancePurchase purchase, OrderDetails recorded)
    {
        instance.UpdatedAt = order.Now;
        if (PurchaseLedger.IsKnown(recorded))
        {
            PurchaseLedger.Apply(instance, purchase, recorded, order.Now);
        }

        order.ChangePurchase?.Invoke(purchase);
        store.Note(instance, type, order.OrderId, order.Now, order.Detail ?? order.AppliedKind);
    }

    /// <summary>Freeze (expiry or FREEZE) and unfreeze (NORMAL); only active ↔ frozen moves, anything else is noted.</summary>
    public async Task<LifecycleOutcome> SetFrozenAsync(
        string instanceId, bool frozen, string reason, string? orderId, bool isTest, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var instance = await store.FindAsync(instanceId, cancellationToken);
        if (instance is null)
        {
            return LifecycleOutcome.Unknown(instanceId, orderId, isTest);
        }

        var result = LifecycleOutcome.Applied(instanceId, orderId);
        var (from, to, type) = frozen
            ? (InstanceState.Active, InstanceState.Frozen, "frozen")
            : (InstanceState.Frozen, InstanceState.Active, "unfrozen");
        if (isTest || instance.State == to || instance.State == InstanceState.Released)
        {
            return result;
        }

        if (instance.State == from)
        {
            store.Transition(instance, to, type, orderId, now, reason);
            var purchase = await PurchaseLedger.PurchaseAsync(db, instanceId, now, cancellationToken);
            events.Add(db, "instance." + type, instance, purchase, new InstanceStatusChanged { InstanceId = instanceId, Reason = reason, OrderId = orderId }, now);
        }
        else
        {
            store.Note(instance, "status-ignored", orderId, now, $"{reason} while {instance.State}");
        }

        await db.SaveChangesAsync(cancellationToken);
        return result;
    }

    /// <summary>
    /// Release. With an order line (SaaS V2 unsubscribe) the unsubscribe order is recorded like every other order and the
    /// event names it; <paramref name="reason"/> defaults to <paramref name="detail"/>.
    /// </summary>
    public async Task<LifecycleOutcome> ReleaseAsync(
        string instanceId, string? orderId, string? detail, bool isTest, DateTimeOffset now, CancellationToken cancellationToken,
        string? orderLineId = null, string? reason = null)
    {
        var instance = await store.FindAsync(instanceId, cancellationToken);
        if (instance is null)
        {
            return LifecycleOutcome.Unknown(instanceId, orderId, isTest);
        }

        var result = LifecycleOutcome.Applied(instanceId, orderId);
        if (isTest || instance.State == InstanceState.Released)
        {
            return result;
        }

        store.Transition(instance, InstanceState.Released, "released", orderId, now, detail);
        var purchase = await PurchaseLedger.PurchaseAsync(db, instanceId, now, cancellationToken);
        var released = new InstanceReleased { InstanceId = instanceId, Reason = reason ?? detail };
        if (orderId is not null && orderLineId is not null)
        {
            // It changes no SKU or quantity, but is recorded (and fetched) like every other order.
            var order = await PurchaseLedger.RecordAsync(db, orderId, orderLineId, instanceId, OrderKinds.Unsubscribe, now, cancellationToken);
            events.AddForOrder(db, EventTypes.InstanceReleased, instance, purchase, order, released, now);
        }
        else
        {
            events.Add(db, EventTypes.InstanceReleased, instance, purchase, released with { OrderId = orderId }, now);
        }

        await db.SaveChangesAsync(cancellationToken);
        return result;
    }
}

using KooGate.Client.Events;
using KooGate.Protocol;
using KooGate.Server.Data;
using KooGate.Server.Orders;

using KooGate.Server.Produce;

namespace KooGate.Server.Instances;

/// <summary>
/// The instance transitions shared by the families: freeze and unfreeze (SaaS V2 <c>updateInstanceStatus</c>, V1
/// <c>expireInstance</c>/<c>instanceStatus</c>, legacy <c>expireLicense</c>), release (SaaS V2, SaaS V1, legacy
/// License), and the V1 renew-once and upgrade-once. Each writes the state, its event row and its hand-off event in
/// one save. Unknown instances answer 000003; repeats succeed without side effects; debug probes (<c>testFlag=1</c>)
/// are answered but change nothing (saas-v2.md §3.4–3.5, saas-v1-and-joint.md §3.2–3.6, license-order-openapi.md §B).
/// </summary>
public sealed class InstanceLifecycle(InstanceStore store)
{
    /// <summary>
    /// Renewal: V1 has no order line, so (renewal orderId, instanceId) is applied once through its
    /// <see cref="AppliedOrder"/> row (README idempotency: a renewal must not extend twice).
    /// </summary>
    public async Task<ProduceResult> RenewAsync(
        string appliedKind, string orderKind, string instanceId, string orderId, DateTimeOffset expireTime, string? productId, Action<OrderDetails> fromCall,
        bool isTest, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var (instance, refusal) = await FindLiveAsync(instanceId, orderId, isTest, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }

        var result = ProduceResult.Success() with { InstanceId = instanceId, OrderId = orderId };
        if (isTest)
        {
            return result;
        }

        await OrderOnce.RunAsync(store.Db, orderId, instanceId, appliedKind, async () =>
        {
            if (await store.FindAsync(instanceId, cancellationToken) is not { State: not InstanceState.Released } current)
            {
                return false;
            }

            var (order, purchase) = await RecordAsync(appliedKind, orderKind, current, orderId, fromCall, now, cancellationToken);
            var previous = current.ExpireTime;
            current.ExpireTime = expireTime;
            current.ProductId = productId ?? current.ProductId;
            current.UpdatedAt = now;
            store.Note(current, "renewed", orderId, now, appliedKind);
            store.Events.AddForOrder(store.Db, EventTypes.InstanceRenewed, current, purchase, order,
                new InstanceRenewed { InstanceId = instanceId, Scene = orderKind, PreviousExpireTime = previous }, now);
            return true;
        }, cancellationToken);
        return result;
    }

    /// <summary>An upgrade order (new SKU/linear values) applied once per (orderId, instanceId).</summary>
    public async Task<ProduceResult> UpgradeAsync(
        string appliedKind, string instanceId, string orderId, Action<OrderDetails> fromCall, Action<InstancePurchase> apply, bool isTest, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        var (instance, refusal) = await FindLiveAsync(instanceId, orderId, isTest, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }

        var result = ProduceResult.Success() with { InstanceId = instanceId, OrderId = orderId };
        if (isTest)
        {
            return result;
        }

        await OrderOnce.RunAsync(store.Db, orderId, instanceId, appliedKind, async () =>
        {
            if (await store.FindAsync(instanceId, cancellationToken) is not { State: not InstanceState.Released } current)
            {
                return false;
            }

            var purchase = await PurchaseLedger.PurchaseAsync(store.Db, instanceId, now, cancellationToken);
            var upgraded = new InstanceUpgraded
            {
                InstanceId = instanceId,
                PreviousProductId = current.ProductId,
                PreviousSkuCode = current.SkuCode,
                PreviousQuantity = purchase.LinearValue,
            };
            var (order, _) = await RecordAsync(appliedKind, OrderKinds.Upgrade, current, orderId, fromCall, now, cancellationToken);
            apply(purchase);
            current.UpdatedAt = now;
            store.Note(current, "upgraded", orderId, now, appliedKind);
            store.Events.AddForOrder(store.Db, EventTypes.InstanceUpgraded, current, purchase, order, upgraded, now);
            return true;
        }, cancellationToken);
        return result;
    }

    /// <summary>Freeze (expiry or FREEZE) and unfreeze (NORMAL); only active ↔ frozen moves, anything else is noted.</summary>
    public async Task<ProduceResult> SetFrozenAsync(
        string instanceId, bool frozen, string reason, string? orderId, bool isTest, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var instance = await store.FindAsync(instanceId, cancellationToken);
        if (instance is null)
        {
            return ProduceResult.Unknown(isTest, instanceId) with { OrderId = orderId };
        }

        var result = ProduceResult.Success() with { InstanceId = instanceId, OrderId = orderId };
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
            var purchase = await PurchaseLedger.PurchaseAsync(store.Db, instanceId, now, cancellationToken);
            store.Events.Add(store.Db, "instance." + type, instance, purchase, new InstanceStatusChanged { InstanceId = instanceId, Reason = reason, OrderId = orderId }, now);
        }
        else
        {
            store.Note(instance, "status-ignored", orderId, now, $"{reason} while {instance.State}");
        }

        await store.Db.SaveChangesAsync(cancellationToken);
        return result;
    }

    /// <summary>
    /// Release. With an order line (SaaS V2 unsubscribe) the unsubscribe order is recorded like every other order and the
    /// event names it; <paramref name="reason"/> defaults to <paramref name="detail"/>.
    /// </summary>
    public async Task<ProduceResult> ReleaseAsync(
        string instanceId, string? orderId, string? detail, bool isTest, DateTimeOffset now, CancellationToken cancellationToken,
        string? orderLineId = null, string? reason = null)
    {
        var instance = await store.FindAsync(instanceId, cancellationToken);
        if (instance is null)
        {
            return ProduceResult.Unknown(isTest, instanceId) with { OrderId = orderId };
        }

        var result = ProduceResult.Success() with { InstanceId = instanceId, OrderId = orderId };
        if (isTest || instance.State == InstanceState.Released)
        {
            return result;
        }

        store.Transition(instance, InstanceState.Released, "released", orderId, now, detail);
        var purchase = await PurchaseLedger.PurchaseAsync(store.Db, instanceId, now, cancellationToken);
        var released = new InstanceReleased { InstanceId = instanceId, Reason = reason ?? detail };
        if (orderId is not null && orderLineId is not null)
        {
            // It changes no SKU or quantity, but is recorded (and fetched) like every other order.
            var order = await PurchaseLedger.RecordAsync(store.Db, orderId, orderLineId, instanceId, OrderKinds.Unsubscribe, now, cancellationToken);
            store.Events.AddForOrder(store.Db, EventTypes.InstanceReleased, instance, purchase, order, released, now);
        }
        else
        {
            store.Events.Add(store.Db, EventTypes.InstanceReleased, instance, purchase, released with { OrderId = orderId }, now);
        }

        await store.Db.SaveChangesAsync(cancellationToken);
        return result;
    }

    /// <summary>Records the call's order (keyed (orderId, instanceId): V1 has no order line) and merges it into the purchase.</summary>
    private async Task<(OrderDetails Order, InstancePurchase Purchase)> RecordAsync(
        string appliedKind, string orderKind, InstanceRecord instance, string orderId, Action<OrderDetails> fromCall, DateTimeOffset now, CancellationToken cancellationToken)
    {
        store.Db.AppliedOrders.Add(new AppliedOrder { OrderId = orderId, OrderLineId = instance.InstanceId, Kind = appliedKind, InstanceId = instance.InstanceId, AppliedAt = now });
        var order = await PurchaseLedger.RecordAsync(store.Db, orderId, instance.InstanceId, instance.InstanceId, orderKind, now, cancellationToken, row =>
        {
            row.ProductId ??= instance.ProductId;
            row.SkuCode ??= instance.SkuCode;
            row.ChargingMode ??= instance.ChargingMode;
            fromCall(row);
        });
        var purchase = await PurchaseLedger.PurchaseAsync(store.Db, instance.InstanceId, now, cancellationToken);
        PurchaseLedger.Apply(instance, purchase, order, now);
        return (order, purchase);
    }

    private async Task<(InstanceRecord? Instance, ProduceResult? Refusal)> FindLiveAsync(string instanceId, string orderId, bool isTest, CancellationToken cancellationToken)
    {
        var instance = await store.FindAsync(instanceId, cancellationToken);
        if (instance is null)
        {
            return (null, ProduceResult.Unknown(isTest, instanceId) with { OrderId = orderId });
        }

        return instance.State == InstanceState.Released
            ? (instance, new ProduceResult(ResultCode.InstanceNotFound.WithMessage("instance is released")) { InstanceId = instanceId, OrderId = orderId })
            : (instance, null);
    }
}

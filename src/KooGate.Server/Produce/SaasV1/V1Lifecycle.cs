using KooGate.Protocol;
using KooGate.Server.Data;
using KooGate.Server.Instances;
using KooGate.Server.Provisioning;
using Microsoft.EntityFrameworkCore;

namespace KooGate.Server.Produce.SaasV1;

/// <summary>
/// The instance changes behind the V1 GET activities, shared by SaaS V1 and the legacy License guide. Unknown
/// instances answer 000003; repeats succeed without side effects; debug probes (<c>testFlag=1</c>) are validated and
/// answered but change nothing (saas-v1-and-joint.md §3.2–3.6, license-order-openapi.md §B).
/// </summary>
public sealed class V1Lifecycle(InstanceStore store, OutboxWriter outbox)
{
    /// <summary>
    /// Renewal: V1 has no order line, so (renewal orderId, instanceId) is applied once through its
    /// <see cref="AppliedOrder"/> row (README idempotency: a renewal must not extend twice).
    /// </summary>
    public async Task<ProduceResult> RenewAsync(
        string kind, string instanceId, string orderId, DateTimeOffset expireTime, string? productId, object details, bool isTest, DateTimeOffset now,
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

        store.Db.AppliedOrders.Add(new AppliedOrder { OrderId = orderId, OrderLineId = instanceId, Kind = kind, InstanceId = instanceId, AppliedAt = now });
        instance!.ExpireTime = expireTime;
        instance.ProductId = productId ?? instance.ProductId;
        instance.UpdatedAt = now;
        store.Note(instance, "renewed", orderId, now, kind);
        outbox.Add(store.Db, "instance.renewed", instanceId, details, now);
        await SaveOnceAsync(cancellationToken);
        return result;
    }

    /// <summary>An upgrade order (new SKU/linear values) applied once per (orderId, instanceId).</summary>
    public async Task<ProduceResult> UpgradeAsync(
        string kind, string instanceId, string orderId, Action<InstanceRecord> apply, object details, bool isTest, DateTimeOffset now,
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

        store.Db.AppliedOrders.Add(new AppliedOrder { OrderId = orderId, OrderLineId = instanceId, Kind = kind, InstanceId = instanceId, AppliedAt = now });
        apply(instance!);
        instance!.UpdatedAt = now;
        store.Note(instance, "upgraded", orderId, now, kind);
        outbox.Add(store.Db, "instance.upgraded", instanceId, details, now);
        await SaveOnceAsync(cancellationToken);
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
            outbox.Add(store.Db, "instance." + type, instanceId, new { reason, orderId }, now);
        }
        else
        {
            store.Note(instance, "status-ignored", orderId, now, $"{reason} while {instance.State}");
        }

        await store.Db.SaveChangesAsync(cancellationToken);
        return result;
    }

    public async Task<ProduceResult> ReleaseAsync(
        string instanceId, string? orderId, string? detail, bool isTest, DateTimeOffset now, CancellationToken cancellationToken)
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
        outbox.Add(store.Db, "instance.released", instanceId, new { orderId, detail }, now);
        await store.Db.SaveChangesAsync(cancellationToken);
        return result;
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

    private async Task SaveOnceAsync(CancellationToken cancellationToken)
    {
        try
        {
            await store.Db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (DatabaseErrors.IsUniqueViolation(e))
        {
            // This order was applied already (a duplicate delivery won the race): answer success, change nothing.
            store.Db.ChangeTracker.Clear();
        }
    }
}

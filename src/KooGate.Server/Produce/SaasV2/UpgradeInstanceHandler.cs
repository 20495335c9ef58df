using KooGate.Protocol;
using KooGate.Protocol.Messages;
using KooGate.Server.Configuration;
using KooGate.Server.Data;
using KooGate.Server.Instances;
using KooGate.Server.Provisioning;
using Microsoft.EntityFrameworkCore;

namespace KooGate.Server.Produce.SaasV2;

/// <summary>
/// <c>upgradeInstance</c> (saas-v2.md §3.6): a paid upgrade under a new order; the instanceId stays. Each order line
/// is applied once (§1.7) through its <see cref="AppliedOrder"/> row, and queues the 查询订单 fetch that learns the
/// new SKU. A released instance cannot be upgraded.
/// </summary>
public sealed class UpgradeInstanceHandler(InstanceStore store, OutboxWriter outbox) : IActivityHandler
{
    public const string AppliedKind = "upgrade";

    public string Activity => "upgradeInstance";

    public InterfaceType KeyType => InterfaceType.Basic;

    public async Task<ProduceResult> HandleAsync(ProduceCall call, CancellationToken cancellationToken)
    {
        var request = call.Parse<UpgradeInstanceRequest>();
        var (instanceId, orderId, orderLineId) = (request.InstanceId, request.OrderId, request.OrderLineId);

        var instance = await store.FindAsync(instanceId, cancellationToken);
        if (instance is null)
        {
            return ProduceResult.Unknown(call, instanceId) with { OrderId = orderId };
        }

        if (instance.State == InstanceState.Released)
        {
            return new ProduceResult(ResultCode.InstanceNotFound.WithMessage("instance is released")) { InstanceId = instanceId, OrderId = orderId };
        }

        var result = ProduceResult.Success() with { InstanceId = instanceId, OrderId = orderId };
        if (call.IsTest)
        {
            return result;
        }

        store.Db.AppliedOrders.Add(new AppliedOrder { OrderId = orderId, OrderLineId = orderLineId, Kind = AppliedKind, InstanceId = instanceId, AppliedAt = call.Now });
        store.Db.Orders.Add(new OrderDetails { OrderId = orderId, OrderLineId = orderLineId, InstanceId = instanceId, NextAttemptAt = call.Now });
        instance.UpdatedAt = call.Now;
        store.Note(instance, "upgraded", orderId, call.Now, $"orderLineId {orderLineId}");
        outbox.Add(store.Db, "instance.upgraded", instanceId, new { orderId, orderLineId }, call.Now);
        try
        {
            await store.Db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (DatabaseErrors.IsUniqueViolation(e))
        {
            // This upgrade order was applied already: answer success, change nothing.
            store.Db.ChangeTracker.Clear();
        }

        return result;
    }
}

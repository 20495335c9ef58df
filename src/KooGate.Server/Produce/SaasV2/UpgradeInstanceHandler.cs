using KooGate.Client.Events;
using KooGate.Protocol;
using KooGate.Protocol.Messages;
using KooGate.Server.Data;
using KooGate.Server.Instances;
using KooGate.Server.Orders;

namespace KooGate.Server.Produce.SaasV2;

/// <summary>
/// <c>upgradeInstance</c> (saas-v2.md §3.6): a paid upgrade under a new order; the instanceId stays. Each order line
/// is applied once (§1.7, <see cref="OrderOnce"/>), also when <c>orderNotify</c> recorded it first, and 查询订单 tells
/// the new SKU and quantity. A released instance cannot be upgraded.
/// </summary>
public sealed class UpgradeInstanceHandler(InstanceStore store) : IActivityHandler<UpgradeInstanceRequest>
{
    public const string AppliedKind = "upgrade";

    public async Task<ProduceResult> HandleAsync(ProduceCall<UpgradeInstanceRequest> call, CancellationToken cancellationToken)
    {
        var request = call.Request;
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

        await OrderOnce.RunAsync(store.Db, orderId, orderLineId, AppliedKind, async () =>
        {
            var current = await store.FindAsync(instanceId, cancellationToken);
            if (current is null || current.State == InstanceState.Released)
            {
                return false;
            }

            store.Db.AppliedOrders.Add(new AppliedOrder { OrderId = orderId, OrderLineId = orderLineId, Kind = AppliedKind, InstanceId = instanceId, AppliedAt = call.Now });
            var order = await PurchaseLedger.RecordAsync(store.Db, orderId, orderLineId, instanceId, OrderKinds.Upgrade, call.Now, cancellationToken);
            var purchase = await PurchaseLedger.PurchaseAsync(store.Db, instanceId, call.Now, cancellationToken);
            var upgraded = new InstanceUpgraded
            {
                InstanceId = instanceId,
                PreviousProductId = current.ProductId,
                PreviousSkuCode = current.SkuCode,
                PreviousQuantity = purchase.LinearValue,
            };
            current.UpdatedAt = call.Now;
            if (PurchaseLedger.IsKnown(order))
            {
                PurchaseLedger.Apply(current, purchase, order, call.Now);
            }

            store.Note(current, "upgraded", orderId, call.Now, $"orderLineId {orderLineId}");
            store.Events.AddForOrder(store.Db, EventTypes.InstanceUpgraded, current, purchase, order, upgraded, call.Now);
            return true;
        }, cancellationToken);
        return result;
    }
}

using KooGate.Client.Events;
using KooGate.Protocol;
using KooGate.Protocol.Messages;
using KooGate.Server.Data;
using KooGate.Server.Instances;
using KooGate.Server.Orders;

namespace KooGate.Server.Produce.SaasV2;

/// <summary>
/// <c>refreshInstance</c> (saas-v2.md §3.3): trial conversion, renewal, renewal refund or renewal change sets the new
/// expiry. Each order line is applied once (§1.7, <see cref="OrderOnce"/>) and recorded for 查询订单, which tells the
/// new SKU and quantity of a renewal change. A released instance cannot be renewed.
/// </summary>
public sealed class RefreshInstanceHandler(InstanceStore store) : IActivityHandler<RefreshInstanceRequest>
{
    public const string AppliedKind = "refresh";

    public async Task<ProduceResult> HandleAsync(ProduceCall<RefreshInstanceRequest> call, CancellationToken cancellationToken)
    {
        var request = call.Request;
        var (scene, orderId, orderLineId, instanceId) = (request.Scene, request.OrderId, request.OrderLineId, request.InstanceId);
        var productId = request.ProductId is { Length: > 0 } p ? p : null;
        if (!request.TryGetExpireTime(out var expireTime))
        {
            throw new FieldException("expireTime", "must be a UTC time of 14 or 17 digits (yyyyMMddHHmmss[SSS])");
        }

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
            // Debug probes are validated and answered, never applied.
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
            var order = await PurchaseLedger.RecordAsync(store.Db, orderId, orderLineId, instanceId, OrderKinds.FromScene(scene), call.Now, cancellationToken);
            var purchase = await PurchaseLedger.PurchaseAsync(store.Db, instanceId, call.Now, cancellationToken);
            var previous = current.ExpireTime;
            current.ExpireTime = expireTime;
            current.ProductId = productId ?? current.ProductId;
            current.UpdatedAt = call.Now;
            if (PurchaseLedger.IsKnown(order))
            {
                PurchaseLedger.Apply(current, purchase, order, call.Now);
            }

            if (scene == RefreshScenes.TrialToFormal)
            {
                purchase.Trial = false;
            }

            store.Note(current, "renewed", orderId, call.Now, scene);
            store.Events.AddForOrder(store.Db, EventTypes.InstanceRenewed, current, purchase, order,
                new InstanceRenewed { InstanceId = instanceId, Scene = scene, PreviousExpireTime = previous }, call.Now);
            return true;
        }, cancellationToken);
        return result;
    }
}

using KooGate.Client.Events;
using KooGate.Protocol.Messages;
using KooGate.Server.Data;
using KooGate.Server.Instances;
using KooGate.Server.Orders;

namespace KooGate.Server.Produce.SaasV2;

/// <summary>
/// <c>releaseInstance</c> (saas-v2.md §3.5): the instance leaves service for good. The record and its history stay;
/// a repeat answers success without side effects (§1.7). <c>orderId</c>/<c>orderLineId</c> name the unsubscribe order
/// when there is one.
/// </summary>
public sealed class ReleaseInstanceHandler(InstanceStore store) : IActivityHandler<ReleaseInstanceRequest>
{
    public async Task<ProduceResult> HandleAsync(ProduceCall<ReleaseInstanceRequest> call, CancellationToken cancellationToken)
    {
        var request = call.Request;
        var instanceId = request.InstanceId;
        var orderId = request.OrderId is { Length: > 0 } o ? o : null;
        var orderLineId = request.OrderLineId is { Length: > 0 } l ? l : null;

        var instance = await store.FindAsync(instanceId, cancellationToken);
        if (instance is null)
        {
            return ProduceResult.Unknown(call, instanceId) with { OrderId = orderId };
        }

        var result = ProduceResult.Success() with { InstanceId = instanceId, OrderId = orderId };
        if (call.IsTest || instance.State == InstanceState.Released)
        {
            return result;
        }

        store.Transition(instance, InstanceState.Released, "released", orderId, call.Now, orderLineId is null ? null : $"orderLineId {orderLineId}");
        var purchase = await PurchaseLedger.PurchaseAsync(store.Db, instanceId, call.Now, cancellationToken);
        var released = new InstanceReleased { InstanceId = instanceId, Reason = orderId is null ? "expired" : "unsubscribed" };
        if (orderId is not null && orderLineId is not null)
        {
            // The unsubscribe order: recorded (and fetched) like every other order; it changes no SKU or quantity.
            var order = await PurchaseLedger.RecordAsync(store.Db, orderId, orderLineId, instanceId, OrderKinds.Unsubscribe, call.Now, cancellationToken);
            store.Events.AddForOrder(store.Db, EventTypes.InstanceReleased, instance, purchase, order, released, call.Now);
        }
        else
        {
            store.Events.Add(store.Db, EventTypes.InstanceReleased, instance, purchase, released with { OrderId = orderId }, call.Now);
        }

        await store.Db.SaveChangesAsync(cancellationToken);
        return result;
    }
}

using KooGate.Server.Configuration;
using KooGate.Server.Data;
using KooGate.Server.Instances;
using KooGate.Server.Provisioning;

namespace KooGate.Server.Produce.SaasV2;

/// <summary>
/// <c>releaseInstance</c> (saas-v2.md §3.5): the instance leaves service for good. The record and its history stay;
/// a repeat answers success without side effects (§1.7). <c>orderId</c>/<c>orderLineId</c> name the unsubscribe order
/// when there is one.
/// </summary>
public sealed class ReleaseInstanceHandler(InstanceStore store, OutboxWriter outbox) : IActivityHandler
{
    public string Activity => "releaseInstance";

    public InterfaceType KeyType => InterfaceType.Basic;

    public async Task<ProduceResult> HandleAsync(ProduceCall call, CancellationToken cancellationToken)
    {
        var instanceId = call.Fields.Required("instanceId", 64);
        var orderId = call.Fields.Optional("orderId", 64) is { Length: > 0 } o ? o : null;
        var orderLineId = call.Fields.Optional("orderLineId", 64) is { Length: > 0 } l ? l : null;

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
        outbox.Add(store.Db, "instance.released", instanceId, new { orderId, orderLineId }, call.Now);
        await store.Db.SaveChangesAsync(cancellationToken);
        return result;
    }
}

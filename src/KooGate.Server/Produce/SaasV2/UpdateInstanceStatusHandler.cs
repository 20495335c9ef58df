using KooGate.Client.Events;
using KooGate.Protocol.Messages;
using KooGate.Server.Data;
using KooGate.Server.Instances;
using KooGate.Server.Orders;

namespace KooGate.Server.Produce.SaasV2;

/// <summary>
/// <c>updateInstanceStatus</c> (saas-v2.md §3.4): FREEZE moves an active instance to frozen, UNFREEZE back. Repeats
/// and calls on a released instance succeed without a change (§1.7); on a provisioning or failed instance the call
/// succeeds and is only noted in the event log.
/// </summary>
public sealed class UpdateInstanceStatusHandler(InstanceStore store) : IActivityHandler<UpdateInstanceStatusRequest>
{
    public const string Freeze = "FREEZE";
    public const string Unfreeze = "UNFREEZE";

    public async Task<ProduceResult> HandleAsync(ProduceCall<UpdateInstanceStatusRequest> call, CancellationToken cancellationToken)
    {
        var request = call.Request;
        var (instanceId, status) = (request.InstanceId, request.Status);

        var instance = await store.FindAsync(instanceId, cancellationToken);
        if (instance is null)
        {
            return ProduceResult.Unknown(call, instanceId);
        }

        var result = ProduceResult.Success() with { InstanceId = instanceId };
        var (from, to, type) = status == Freeze
            ? (InstanceState.Active, InstanceState.Frozen, "frozen")
            : (InstanceState.Frozen, InstanceState.Active, "unfrozen");
        if (call.IsTest || instance.State == to || instance.State == InstanceState.Released)
        {
            return result;
        }

        if (instance.State == from)
        {
            store.Transition(instance, to, type, null, call.Now);
            var purchase = await PurchaseLedger.PurchaseAsync(store.Db, instanceId, call.Now, cancellationToken);
            store.Events.Add(store.Db, "instance." + type, instance, purchase, new InstanceStatusChanged { InstanceId = instanceId, Reason = status }, call.Now);
        }
        else
        {
            store.Note(instance, "status-ignored", null, call.Now, $"{status} while {instance.State}");
        }

        await store.Db.SaveChangesAsync(cancellationToken);
        return result;
    }
}

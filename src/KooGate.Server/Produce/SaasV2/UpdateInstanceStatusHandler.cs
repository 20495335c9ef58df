using KooGate.Protocol.Messages;
using KooGate.Server.Instances;

namespace KooGate.Server.Produce.SaasV2;

/// <summary>
/// <c>updateInstanceStatus</c> (saas-v2.md §3.4): FREEZE moves an active instance to frozen, UNFREEZE back. Repeats
/// and calls on a released instance succeed without a change (§1.7); on a provisioning or failed instance the call
/// succeeds and is only noted in the event log.
/// </summary>
public sealed class UpdateInstanceStatusHandler(InstanceLifecycle lifecycle) : IActivityHandler<UpdateInstanceStatusRequest>
{
    public const string Freeze = "FREEZE";
    public const string Unfreeze = "UNFREEZE";

    public Task<ProduceResult> HandleAsync(ProduceCall<UpdateInstanceStatusRequest> call, CancellationToken cancellationToken) =>
        lifecycle.SetFrozenAsync(call.Request.InstanceId, frozen: call.Request.Status == Freeze, call.Request.Status, orderId: null, call.IsTest, call.Now, cancellationToken).ToProduceResultAsync();
}

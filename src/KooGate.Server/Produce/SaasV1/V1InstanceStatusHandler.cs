using KooGate.Protocol.Messages;

using KooGate.Server.Instances;

namespace KooGate.Server.Produce.SaasV1;

/// <summary>V1 <c>instanceStatus</c> (saas-v1-and-joint.md §3.6): FREEZE freezes a pay-per-use instance, NORMAL unfreezes it.</summary>
public sealed class V1InstanceStatusHandler(InstanceLifecycle lifecycle) : IV1Handler<V1InstanceStatusRequest>
{
    public Task<ProduceResult> HandleAsync(V1Call<V1InstanceStatusRequest> call, CancellationToken cancellationToken)
    {
        var r = call.Request;
        var freeze = r.InstanceStatus == V1InstanceStatuses.Freeze;
        return lifecycle.SetFrozenAsync(r.InstanceId, freeze, "instanceStatus " + r.InstanceStatus, null, call.IsTest, call.Now, cancellationToken).ToProduceResultAsync();
    }
}

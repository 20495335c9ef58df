using KooGate.Protocol.Messages;

using KooGate.Server.Instances;

namespace KooGate.Server.Produce.SaasV1;

/// <summary>V1 <c>expireInstance</c> (saas-v1-and-joint.md §3.3): the buyer did not renew, so the instance is frozen.</summary>
public sealed class V1ExpireInstanceHandler(InstanceLifecycle lifecycle) : IV1Handler<V1ExpireInstanceRequest>
{
    public Task<ProduceResult> HandleAsync(V1Call<V1ExpireInstanceRequest> call, CancellationToken cancellationToken)
    {
        var r = call.Request;
        return lifecycle.SetFrozenAsync(r.InstanceId, frozen: true, "expired", r.OrderId, call.IsTest, call.Now, cancellationToken).ToProduceResultAsync();
    }
}

using KooGate.Protocol.Messages;

using KooGate.Server.Instances;

namespace KooGate.Server.Produce.SaasV1;

/// <summary>V1 <c>releaseInstance</c> (saas-v1-and-joint.md §3.4): the instance leaves service for good; repeats succeed.</summary>
public sealed class V1ReleaseInstanceHandler(InstanceLifecycle lifecycle) : IV1Handler<V1ReleaseInstanceRequest>
{
    public Task<ProduceResult> HandleAsync(V1Call<V1ReleaseInstanceRequest> call, CancellationToken cancellationToken)
    {
        var r = call.Request;
        return lifecycle.ReleaseAsync(r.InstanceId, r.OrderId, r.OrderAmount is null ? null : $"orderAmount {r.OrderAmount}", call.IsTest, call.Now, cancellationToken).ToProduceResultAsync();
    }
}

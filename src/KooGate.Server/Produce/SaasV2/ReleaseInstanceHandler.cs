using KooGate.Protocol.Messages;
using KooGate.Server.Instances;

namespace KooGate.Server.Produce.SaasV2;

/// <summary>
/// <c>releaseInstance</c> (saas-v2.md §3.5): the instance leaves service for good. The record and its history stay;
/// a repeat answers success without side effects (§1.7). <c>orderId</c>/<c>orderLineId</c> name the unsubscribe order
/// when there is one.
/// </summary>
public sealed class ReleaseInstanceHandler(InstanceLifecycle lifecycle) : IActivityHandler<ReleaseInstanceRequest>
{
    public Task<ProduceResult> HandleAsync(ProduceCall<ReleaseInstanceRequest> call, CancellationToken cancellationToken)
    {
        var request = call.Request;
        var orderId = request.OrderId is { Length: > 0 } o ? o : null;
        var orderLineId = request.OrderLineId is { Length: > 0 } l ? l : null;
        return lifecycle.ReleaseAsync(request.InstanceId, orderId, orderLineId is null ? null : $"orderLineId {orderLineId}", call.IsTest, call.Now,
            cancellationToken, orderLineId, reason: orderId is null ? "expired" : "unsubscribed").ToProduceResultAsync();
    }
}

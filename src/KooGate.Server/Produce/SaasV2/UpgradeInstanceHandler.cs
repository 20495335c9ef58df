using KooGate.Protocol.Messages;
using KooGate.Server.Instances;

namespace KooGate.Server.Produce.SaasV2;

/// <summary>
/// <c>upgradeInstance</c> (saas-v2.md §3.6): a paid upgrade under a new order; the instanceId stays. Each order line
/// is applied once (§1.7, <see cref="InstanceLifecycle.UpgradeAsync"/>), also when <c>orderNotify</c> recorded it
/// first, and 查询订单 tells the new SKU and quantity. A released instance cannot be upgraded.
/// </summary>
public sealed class UpgradeInstanceHandler(InstanceLifecycle lifecycle) : IActivityHandler<UpgradeInstanceRequest>
{
    public Task<ProduceResult> HandleAsync(ProduceCall<UpgradeInstanceRequest> call, CancellationToken cancellationToken) =>
        lifecycle.UpgradeAsync(new(AppliedKinds.Upgrade, Orders.OrderKinds.Upgrade, call.Request.InstanceId, call.Request.OrderId, call.IsTest, call.Now)
        {
            OrderLineId = call.Request.OrderLineId,
            Detail = $"orderLineId {call.Request.OrderLineId}",
        }, cancellationToken).ToProduceResultAsync();
}

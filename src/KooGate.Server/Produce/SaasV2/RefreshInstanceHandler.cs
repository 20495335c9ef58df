using KooGate.Protocol.Messages;
using KooGate.Server.Instances;
using KooGate.Server.Orders;

namespace KooGate.Server.Produce.SaasV2;

/// <summary>
/// <c>refreshInstance</c> (saas-v2.md §3.3): trial conversion, renewal, renewal refund or renewal change sets the new
/// expiry, once per order line (§1.7, <see cref="InstanceLifecycle.RenewAsync"/>); the order is recorded for 查询订单,
/// which tells the new SKU and quantity of a renewal change. A released instance cannot be renewed.
/// </summary>
public sealed class RefreshInstanceHandler(InstanceLifecycle lifecycle) : IActivityHandler<RefreshInstanceRequest>
{
    public Task<ProduceResult> HandleAsync(ProduceCall<RefreshInstanceRequest> call, CancellationToken cancellationToken)
    {
        var request = call.Request;
        if (!request.TryGetExpireTime(out var expireTime))
        {
            throw new FieldException("expireTime", "must be a UTC time of 14 or 17 digits (yyyyMMddHHmmss[SSS])");
        }

        var order = new InstanceOrder(AppliedKinds.Refresh, OrderKinds.FromScene(request.Scene), request.InstanceId, request.OrderId, call.IsTest, call.Now)
        {
            OrderLineId = request.OrderLineId,
            ChangePurchase = request.Scene == RefreshScenes.TrialToFormal ? purchase => purchase.Trial = false : null,
            Detail = request.Scene,
        };
        return lifecycle.RenewAsync(order, expireTime, request.ProductId is { Length: > 0 } p ? p : null, request.Scene, cancellationToken).ToProduceResultAsync();
    }
}

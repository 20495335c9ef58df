using KooGate.Protocol.Messages;

using KooGate.Server.Instances;

namespace KooGate.Server.Produce.SaasV1;

/// <summary>
/// V1 <c>refreshInstance</c> (saas-v1-and-joint.md §3.2): renewal, trial-to-paid or renewal refund (negative
/// <c>orderAmount</c>) sets the new expiry, once per renewal order.
/// </summary>
public sealed class V1RefreshInstanceHandler(InstanceLifecycle lifecycle) : IV1Handler<V1RefreshInstanceRequest>
{
    public Task<ProduceResult> HandleAsync(V1Call<V1RefreshInstanceRequest> call, CancellationToken cancellationToken)
    {
        var r = call.Request;
        var productId = string.IsNullOrEmpty(r.ProductId) ? null : r.ProductId;
        var expireTime = V1Values.ExpireTime(r.ExpireTime)!.Value;
        var kind = r.TrialToFormal == "1" ? Orders.OrderKinds.TrialToFormal : Orders.OrderKinds.Renewal;
        var order = new InstanceOrder(AppliedKinds.V1Refresh, kind, r.InstanceId, r.OrderId, call.IsTest, call.Now)
        {
            FromCall = row =>
            {
                row.ProductId = productId ?? row.ProductId;
                row.PeriodType = r.PeriodType;
                row.PeriodNumber = V1Values.Int(r.PeriodNumber);
                row.Amount = V1Values.Decimal(r.OrderAmount);
                row.ExpireTime = expireTime;
                row.Trial = false;
            },
        };
        return lifecycle.RenewAsync(order, expireTime, productId, scene: kind, cancellationToken).ToProduceResultAsync();
    }
}

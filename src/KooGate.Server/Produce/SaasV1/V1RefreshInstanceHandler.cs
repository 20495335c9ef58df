using KooGate.Protocol.Messages;

namespace KooGate.Server.Produce.SaasV1;

/// <summary>
/// V1 <c>refreshInstance</c> (saas-v1-and-joint.md §3.2): renewal, trial-to-paid or renewal refund (negative
/// <c>orderAmount</c>) sets the new expiry, once per renewal order.
/// </summary>
public sealed class V1RefreshInstanceHandler(V1Lifecycle lifecycle) : IV1Handler
{
    public const string AppliedKind = "v1-refresh";

    public string Activity => Activities.RefreshInstance;

    public string Family => "saas-v1";

    public Task<ProduceResult> HandleAsync(V1Call call, CancellationToken cancellationToken)
    {
        var r = call.Bind(V1RefreshInstanceRequest.FromQuery);
        var productId = string.IsNullOrEmpty(r.ProductId) ? null : r.ProductId;
        return lifecycle.RenewAsync(AppliedKind, r.InstanceId, r.OrderId, V1Fields.ExpireTime(r.ExpireTime)!.Value, productId,
            new { orderId = r.OrderId, expireTime = r.ExpireTime, productId, trialToFormal = r.TrialToFormal == "1", r.PeriodType, r.PeriodNumber, r.OrderAmount },
            call.IsTest, call.Now, cancellationToken);
    }
}

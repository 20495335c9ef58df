using KooGate.Protocol.Messages;
using KooGate.Server.Instances;
using KooGate.Server.Produce.SaasV1;

namespace KooGate.Server.Produce.License;

/// <summary>
/// Legacy <c>refreshLicense</c> (license-order-openapi.md §B.2): the new expiry, applied once per renewal order. The
/// reply cannot carry a new license, so the <c>instance.renewed</c> hand-off event tells the seller's app.
/// </summary>
public sealed class RefreshLicenseHandler(InstanceLifecycle lifecycle) : IV1Handler<RefreshLicenseRequest>
{
    public Task<ProduceResult> HandleAsync(V1Call<RefreshLicenseRequest> call, CancellationToken cancellationToken)
    {
        var r = call.Request;
        var productId = string.IsNullOrEmpty(r.ProductId) ? null : r.ProductId;
        var expireTime = V1Values.ExpireTime(r.ExpireTime)!.Value;
        var order = new InstanceOrder(AppliedKinds.LicenseRefresh, Orders.OrderKinds.Renewal, r.InstanceId, r.OrderId, call.IsTest, call.Now)
        {
            FromCall = row =>
            {
                row.ProductId = productId ?? row.ProductId;
                row.PeriodType = r.PeriodType;
                row.PeriodNumber = V1Values.Int(r.PeriodNumber);
                row.ExpireTime = expireTime;
            },
        };
        return lifecycle.RenewAsync(order, expireTime, productId, scene: Orders.OrderKinds.Renewal, cancellationToken).ToProduceResultAsync();
    }
}

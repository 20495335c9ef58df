using KooGate.Protocol.Messages;
using KooGate.Server.Instances;

namespace KooGate.Server.Produce.License;

/// <summary>
/// <c>refreshLicenseCode</c> (license-order-openapi.md §C.1.1): renewal or renewal cancellation sets the code's
/// expiry, once per order line (<see cref="LicenseCodeLifecycle.RenewAsync"/>).
/// </summary>
public sealed class RefreshLicenseCodeHandler(LicenseCodeLifecycle codes) : IActivityHandler<RefreshLicenseCodeRequest>
{
    public Task<ProduceResult> HandleAsync(ProduceCall<RefreshLicenseCodeRequest> call, CancellationToken cancellationToken)
    {
        var r = call.Request;
        r.TryGetExpireTime(out var expireTime);
        return codes.RenewAsync(r.License, r.Scene, r.OrderId, r.OrderLineId, r.ProductId, expireTime, call.IsTest, call.Now, cancellationToken).ToProduceResultAsync();
    }
}

using KooGate.Protocol;
using KooGate.Protocol.Messages;
using KooGate.Server.Data;

namespace KooGate.Server.Produce.License;

/// <summary>
/// <c>refreshLicenseCode</c> (license-order-openapi.md §C.1.1): renewal or renewal cancellation sets the code's
/// expiry, once per order line (retried 60 times, so idempotent through its <see cref="AppliedOrder"/> row).
/// </summary>
public sealed class RefreshLicenseCodeHandler(LicenseCodeStore codes) : IActivityHandler<RefreshLicenseCodeRequest>
{
    public async Task<ProduceResult> HandleAsync(ProduceCall<RefreshLicenseCodeRequest> call, CancellationToken cancellationToken)
    {
        var r = call.Request;
        r.TryGetExpireTime(out var expireTime);
        var result = ProduceResult.Success() with { InstanceId = r.License, OrderId = r.OrderId };
        if (call.IsTest)
        {
            return result;
        }

        var record = await codes.FindOrAddAsync(r.License, call.Now, cancellationToken);
        if (record.State == LicenseCodeState.Released)
        {
            return new ProduceResult(ResultCode.InstanceNotFound.WithMessage("license code is released")) { InstanceId = r.License, OrderId = r.OrderId };
        }

        codes.Db.AppliedOrders.Add(new AppliedOrder { OrderId = r.OrderId, OrderLineId = r.OrderLineId, Kind = Instances.AppliedKinds.LicenseCodeRefresh, InstanceId = r.License, AppliedAt = call.Now });
        record.ExpireTime = expireTime;
        record.ProductId = string.IsNullOrEmpty(r.ProductId) ? record.ProductId : r.ProductId;
        record.LastOrderId = r.OrderId;
        codes.Change(record, record.State, "renewed", r.OrderId,
            new { license = r.License, scene = r.Scene, orderId = r.OrderId, orderLineId = r.OrderLineId, productId = r.ProductId, expireTime },
            call.Now, $"{r.Scene} until {KooTime.ToUtc14(expireTime)}");
        await codes.SaveOnceAsync(cancellationToken);
        return result;
    }
}

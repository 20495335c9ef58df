using KooGate.Protocol.Messages;
using KooGate.Server.Data;

namespace KooGate.Server.Produce.License;

/// <summary>
/// <c>releaseLicenseCode</c> (license-order-openapi.md §C.1.3): the code leaves service for good; repeats succeed
/// without side effects. <c>orderId</c>/<c>orderLineId</c> name the unsubscribe order when there is one.
/// </summary>
public sealed class ReleaseLicenseCodeHandler(LicenseCodeStore codes) : IActivityHandler<ReleaseLicenseCodeRequest>
{
    public async Task<ProduceResult> HandleAsync(ProduceCall<ReleaseLicenseCodeRequest> call, CancellationToken cancellationToken)
    {
        var r = call.Request;
        var orderId = string.IsNullOrEmpty(r.OrderId) ? null : r.OrderId;
        var result = ProduceResult.Success() with { InstanceId = r.License, OrderId = orderId };
        if (call.IsTest)
        {
            return result;
        }

        var record = await codes.FindOrAddAsync(r.License, call.Now, cancellationToken);
        if (record.State != LicenseCodeState.Released)
        {
            codes.Change(record, LicenseCodeState.Released, "released", orderId, new { license = r.License, orderId, orderLineId = r.OrderLineId }, call.Now);
        }

        await codes.SaveOnceAsync(cancellationToken);
        return result;
    }
}

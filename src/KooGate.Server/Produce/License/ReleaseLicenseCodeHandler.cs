using KooGate.Protocol.Messages;
using KooGate.Server.Instances;

namespace KooGate.Server.Produce.License;

/// <summary>
/// <c>releaseLicenseCode</c> (license-order-openapi.md §C.1.3): the code leaves service for good; repeats succeed
/// without side effects (<see cref="LicenseCodeLifecycle.ReleaseAsync"/>).
/// </summary>
public sealed class ReleaseLicenseCodeHandler(LicenseCodeLifecycle codes) : IActivityHandler<ReleaseLicenseCodeRequest>
{
    public Task<ProduceResult> HandleAsync(ProduceCall<ReleaseLicenseCodeRequest> call, CancellationToken cancellationToken) =>
        codes.ReleaseAsync(call.Request.License, string.IsNullOrEmpty(call.Request.OrderId) ? null : call.Request.OrderId, call.Request.OrderLineId,
            call.IsTest, call.Now, cancellationToken).ToProduceResultAsync();
}

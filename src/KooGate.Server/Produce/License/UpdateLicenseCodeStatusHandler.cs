using KooGate.Protocol.Messages;

namespace KooGate.Server.Produce.License;

/// <summary>
/// <c>updateLicenseCodeStatus</c> (license-order-openapi.md §C.1.2): FREEZE after the grace period, UNFREEZE after a
/// renewal (<see cref="Instances.LicenseCodeLifecycle.SetFrozenAsync"/>).
/// </summary>
public sealed class UpdateLicenseCodeStatusHandler(Instances.LicenseCodeLifecycle codes) : IActivityHandler<UpdateLicenseCodeStatusRequest>
{
    public Task<ProduceResult> HandleAsync(ProduceCall<UpdateLicenseCodeStatusRequest> call, CancellationToken cancellationToken) =>
        codes.SetFrozenAsync(call.Request.License, freeze: call.Request.Status == InstanceStatuses.Freeze, call.Request.Status, call.IsTest, call.Now, cancellationToken).ToProduceResultAsync();
}

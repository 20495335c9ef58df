using KooGate.Protocol;
using KooGate.Protocol.Messages;
using KooGate.Server.Data;

namespace KooGate.Server.Produce.License;

/// <summary>
/// <c>updateLicenseCodeStatus</c> (license-order-openapi.md §C.1.2): FREEZE after the grace period, UNFREEZE after a
/// renewal. The same status again succeeds without a change; a released code cannot be unfrozen (000003).
/// </summary>
public sealed class UpdateLicenseCodeStatusHandler(LicenseCodeStore codes) : IActivityHandler<UpdateLicenseCodeStatusRequest>
{
    public async Task<ProduceResult> HandleAsync(ProduceCall<UpdateLicenseCodeStatusRequest> call, CancellationToken cancellationToken)
    {
        var r = call.Request;
        var result = ProduceResult.Success() with { InstanceId = r.License };
        if (call.IsTest)
        {
            return result;
        }

        var record = await codes.FindOrAddAsync(r.License, call.Now, cancellationToken);
        var freeze = r.Status == InstanceStatuses.Freeze;
        if (record.State == LicenseCodeState.Released)
        {
            return freeze ? result : new ProduceResult(ResultCode.InstanceNotFound.WithMessage("license code is released")) { InstanceId = r.License };
        }

        var to = freeze ? LicenseCodeState.Frozen : LicenseCodeState.Active;
        if (record.State != to)
        {
            codes.Change(record, to, freeze ? "frozen" : "unfrozen", null, new { license = r.License, status = r.Status }, call.Now);
        }

        await codes.SaveOnceAsync(cancellationToken);
        return result;
    }
}

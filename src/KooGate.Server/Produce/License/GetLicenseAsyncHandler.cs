using System.Security.Cryptography;
using System.Text;
using KooGate.Protocol;
using KooGate.Protocol.Messages;
using KooGate.Server.Data;
using KooGate.Server.Instances;
using KooGate.Server.Provisioning;

namespace KooGate.Server.Produce.License;

/// <summary>
/// Online-license <c>getLicenseAsync</c> (license-order-openapi.md §C.3) for an instance created by
/// <c>newInstance</c>. The same request — eventId plus device fingerprint — always gets the same license, kept with
/// delivery status Pending for the 字符串/文件流上传 upload under its eventId, and handed off as <c>license.issued</c>.
/// Answers 000000 once the license is issued and queued; unknown or released instances 000003.
/// </summary>
public sealed class GetLicenseAsyncHandler(InstanceStore store, InstanceLicenses licenses, ILicenseProvisioner provisioner) : IActivityHandler<GetLicenseAsyncRequest>
{
    public async Task<ProduceResult> HandleAsync(ProduceCall<GetLicenseAsyncRequest> call, CancellationToken cancellationToken)
    {
        var r = call.Request;
        var instance = await store.FindAsync(r.InstanceId, cancellationToken);
        if (instance is null || instance.State == InstanceState.Released)
        {
            return instance is null ? ProduceResult.Unknown(call, r.InstanceId) : ProduceResult.NotFound(r.InstanceId);
        }

        var result = ProduceResult.Success() with { InstanceId = r.InstanceId };
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(r.DeviceFingerprint ?? string.Empty)));
        if (call.IsTest || await licenses.IsRequestedAsync(r.EventId, hash, cancellationToken))
        {
            return result;
        }

        KooTime.TryParseUtcDigits(r.ExpireTime, out var expire);
        var outcome = await provisioner.IssueAsync(new LicenseRequest(LicenseReason.DeviceRequest, r.InstanceId, call.Now, instance.OrderId,
            ProductId: instance.ProductId, SkuCode: instance.SkuCode, ExpireTime: r.ExpireTime is null || expire == default ? instance.ExpireTime : expire,
            EventId: r.EventId, DeviceFingerprint: r.DeviceFingerprint, EffectiveTime: r.EffectiveTime), cancellationToken);
        if (outcome.License is null)
        {
            var code = ResultCode.FromCode(outcome.FailureCode ?? ResultCode.InternalError.Code);
            return result with { Code = outcome.FailureMessage is { } message ? code.WithMessage(message) : code };
        }

        await licenses.AddRequestedAsync(instance, new AsyncLicenseRequest
        {
            EventId = r.EventId,
            FingerprintHash = hash,
            DeviceFingerprint = r.DeviceFingerprint,
            InstanceId = r.InstanceId,
            License = outcome.License,
            EffectiveTime = r.EffectiveTime,
            ExpireTime = r.ExpireTime,
            DeliveryStatus = LicenseDeliveryStatus.Pending,
            NextAttemptAt = call.Now,
            CreatedAt = call.Now,
        }, call.Now, cancellationToken);
        return result;
    }
}

using System.Text.Json;
using KooGate.Protocol;
using KooGate.Protocol.Crypto;
using KooGate.Protocol.Messages;
using KooGate.Server.Configuration;
using KooGate.Server.Data;
using KooGate.Server.Instances;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace KooGate.Server.Produce.SaasV1;

/// <summary>
/// V1 <c>queryInstance</c> (saas-v1-and-joint.md §3.7): up to 100 comma-separated ids answered with
/// <c>encryptType</c> and <c>info[]</c> (appInfo credentials AES-encrypted; usage for pay-per-use). A single id still
/// provisioning answers 000004, a failed one its failure code; no known id answers 000003.
/// </summary>
public sealed class V1QueryInstanceHandler(InstanceStore store, IOptions<KooGateOptions> options) : IV1Handler<V1QueryInstanceRequest>
{
    public async Task<ProduceResult> HandleAsync(V1Call<V1QueryInstanceRequest> call, CancellationToken cancellationToken)
    {
        var ids = call.Request.GetInstanceIds().Distinct(StringComparer.Ordinal).ToList();
        var found = await store.Db.Instances.AsNoTracking().Where(i => ids.Contains(i.InstanceId) && i.State != InstanceState.Released).ToListAsync(cancellationToken);
        if (found.Count == 0)
        {
            return new ProduceResult(ResultCode.InstanceNotFound.WithMessage("no such instance")) { InstanceId = ids[0] };
        }

        if (found.Count == 1 && ids.Count == 1 && found[0].State is InstanceState.Provisioning or InstanceState.Failed)
        {
            var single = found[0];
            var code = single.State == InstanceState.Provisioning ? ResultCode.Processing : ResultCode.FromCode(single.FailureCode ?? ResultCode.InternalError.Code);
            return new ProduceResult(code) { InstanceId = single.InstanceId };
        }

        var listed = found.Where(i => i.FrontEndUrl is not null).OrderBy(i => ids.IndexOf(i.InstanceId)).ToList();
        var type = V1Credentials.EncryptType(options.Value);
        var usage = await Usage.UsageTotals.ForAsync(store.Db, listed.Select(i => i.InstanceId).ToList(), cancellationToken);
        var reply = new QueryInstanceResponse
        {
            EncryptType = FieldCipher.WireValue(type),
            Info = [.. listed.Select(instance => Info(instance, usage, call.Now, call.Key, type))],
        };
        return ProduceResult.With(ResultCode.Success, reply) with { InstanceId = ids.Count == 1 ? ids[0] : null };
    }

    private InstanceInfo Info(InstanceRecord instance, Dictionary<string, decimal> usage, DateTimeOffset now, string key, EncryptType type)
    {
        var password = store.Password(instance);
        return new InstanceInfo
        {
            InstanceId = instance.InstanceId,
            AppInfo = V1Credentials.CredentialProblem(instance, password) is null ? V1Credentials.AppInfo(instance, password, key, type) : null,
            // The cumulative usage the seller's app reported (as V2).
            UsageInfo = instance.ChargingMode is ChargingModes.OnDemand or ChargingModes.OnDemandPackage || usage.ContainsKey(instance.InstanceId)
                ? [new UsageInfo { UsageValue = usage.GetValueOrDefault(instance.InstanceId), StatisticalTime = KooTime.ToUtc17(now) }]
                : null,
        };
    }
}

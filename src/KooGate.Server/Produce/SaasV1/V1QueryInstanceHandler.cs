using KooGate.Protocol.Crypto;
using KooGate.Protocol.Messages;
using KooGate.Server.Configuration;
using KooGate.Server.Data;
using KooGate.Server.Instances;
using Microsoft.Extensions.Options;

namespace KooGate.Server.Produce.SaasV1;

/// <summary>
/// V1 <c>queryInstance</c> (saas-v1-and-joint.md §3.7): up to 100 comma-separated ids, answered as
/// <see cref="InstanceQuery"/> decides, with <c>encryptType</c> and <c>info[]</c> whose <c>appInfo</c> credentials are
/// AES-encrypted under the V1 Key.
/// </summary>
public sealed class V1QueryInstanceHandler(InstanceReads reads, IOptions<KooGateOptions> options) : IV1Handler<V1QueryInstanceRequest>
{
    public async Task<ProduceResult> HandleAsync(V1Call<V1QueryInstanceRequest> call, CancellationToken cancellationToken)
    {
        var ids = call.Request.GetInstanceIds().Distinct(StringComparer.Ordinal).ToList();
        var query = await reads.QueryAsync(ids, null, cancellationToken);
        var type = V1Credentials.EncryptType(options.Value);
        return ProduceResult.Of(query, () => new QueryInstanceResponse
        {
            EncryptType = FieldCipher.WireValue(type),
            Info = [.. query.Listed.Select(instance => Info(instance, query, call, type))],
        });
    }

    private InstanceInfo Info(InstanceRecord instance, InstanceQuery query, V1Call<V1QueryInstanceRequest> call, EncryptType type)
    {
        var password = reads.Password(instance);
        return new InstanceInfo
        {
            InstanceId = instance.InstanceId,
            AppInfo = V1Credentials.CredentialProblem(instance, password) is null ? V1Credentials.AppInfo(instance, password, call.Key, type) : null,
            UsageInfo = query.UsageInfo(instance, call.Now),
        };
    }
}

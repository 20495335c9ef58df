using KooGate.Protocol.Messages;
using KooGate.Server.Configuration;
using KooGate.Server.Data;
using KooGate.Server.Instances;
using Microsoft.Extensions.Options;

namespace KooGate.Server.Produce.SaasV2;

/// <summary>
/// <c>queryInstance</c> (saas-v2.md §3.2): up to 100 comma-separated ids, answered as <see cref="InstanceQuery"/>
/// decides; the listed instances carry <c>appInfo</c> in plain text and, when used, <c>usageInfo</c>.
/// </summary>
public sealed class QueryInstanceHandler(InstanceReads reads, IOptions<KooGateOptions> options) : IActivityHandler<QueryInstanceRequest>
{
    public async Task<ProduceResult> HandleAsync(ProduceCall<QueryInstanceRequest> call, CancellationToken cancellationToken)
    {
        var ids = InstanceIdList.Split(call.Request.InstanceId).Distinct(StringComparer.Ordinal).ToList();
        var query = await reads.QueryAsync(ids, call.IsTest ? CannedTestInstance : null, cancellationToken);
        return ProduceResult.Of(query, () => new QueryInstanceResponse { Info = [.. query.Listed.Select(i => Info(i, query, call.Now))] });
    }

    /// <summary>Debug calls may name ids typed by hand: they get canned app info (saas-v2.md §7.6), nothing is stored.</summary>
    private InstanceRecord CannedTestInstance(string id) => new()
    {
        InstanceId = id,
        OrderId = string.Empty,
        OrderLineId = string.Empty,
        IsTest = true,
        State = InstanceState.Active,
        FrontEndUrl = Provisioning.AutomaticProvisioner.Expand(options.Value.Provisioning.FrontEndUrlTemplate, id),
    };

    private InstanceInfo Info(InstanceRecord instance, InstanceQuery query, DateTimeOffset now) => new()
    {
        InstanceId = instance.InstanceId,
        AppInfo = new Protocol.Messages.AppInfo
        {
            FrontEndUrl = instance.FrontEndUrl!,
            AdminUrl = instance.AdminUrl,
            UserName = instance.UserName,
            Password = reads.Password(instance),
            Memo = instance.Memo,
        },
        UsageInfo = query.UsageInfo(instance, now),
    };
}

using System.Text.Json;
using KooGate.Protocol;
using KooGate.Protocol.Messages;
using KooGate.Server.Configuration;
using KooGate.Server.Data;
using KooGate.Server.Instances;
using Microsoft.EntityFrameworkCore;

namespace KooGate.Server.Produce.SaasV2;

/// <summary>
/// <c>queryInstance</c> (saas-v2.md §3.2): up to 100 comma-separated ids. Provisioned instances are listed with
/// <c>appInfo</c>, and on-demand ones with <c>usageInfo</c>. A single id still provisioning answers 000004, a failed one
/// its failure code, unknown ids 000003.
/// </summary>
public sealed class QueryInstanceHandler(InstanceStore store, Microsoft.Extensions.Options.IOptions<KooGateOptions> options) : IActivityHandler<QueryInstanceRequest>
{
    public const int MaxIds = 100;

    public async Task<ProduceResult> HandleAsync(ProduceCall<QueryInstanceRequest> call, CancellationToken cancellationToken)
    {
        var ids = InstanceIdList.Split(call.Request.InstanceId).Distinct(StringComparer.Ordinal).ToList();
        var found = ids.Count == 1
            ? await Single(ids[0]).ToListAsync(cancellationToken)
            : await store.Db.Instances.AsNoTracking().Where(i => ids.Contains(i.InstanceId) && i.State != InstanceState.Released).ToListAsync(cancellationToken);
        if (call.IsTest)
        {
            // Debug calls may name ids typed by hand: they get canned app info (saas-v2.md §7.6), nothing is stored.
            found.AddRange(ids.Where(id => found.All(i => i.InstanceId != id)).Select(id => new InstanceRecord
            {
                InstanceId = id,
                OrderId = string.Empty,
                OrderLineId = string.Empty,
                IsTest = true,
                State = InstanceState.Active,
                FrontEndUrl = Provisioning.AutomaticProvisioner.Expand(options.Value.Provisioning.FrontEndUrlTemplate, id),
            }));
        }

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
        var usage = await Usage.UsageTotals.ForAsync(store.Db, listed.Select(i => i.InstanceId).ToList(), cancellationToken);
        var reply = new QueryInstanceResponse { Info = [.. listed.Select(i => Info(i, usage, call.Now))] };
        return ProduceResult.With(ResultCode.Success, reply) with { InstanceId = ids.Count == 1 ? ids[0] : null };
    }

    // The common case, one id: a compiled query skips EF's per-call expression work. A compiled query belongs to one
    // provider's model, hence one per context type.
    private static readonly Func<SqliteKooGateDbContext, string, IAsyncEnumerable<InstanceRecord>> SingleOnSqlite = EF.CompileAsyncQuery(
        (SqliteKooGateDbContext db, string id) => db.Instances.AsNoTracking().Where(i => i.InstanceId == id && i.State != InstanceState.Released));

    private static readonly Func<PostgresKooGateDbContext, string, IAsyncEnumerable<InstanceRecord>> SingleOnPostgres = EF.CompileAsyncQuery(
        (PostgresKooGateDbContext db, string id) => db.Instances.AsNoTracking().Where(i => i.InstanceId == id && i.State != InstanceState.Released));

    private IAsyncEnumerable<InstanceRecord> Single(string id) => store.Db switch
    {
        SqliteKooGateDbContext sqlite => SingleOnSqlite(sqlite, id),
        PostgresKooGateDbContext postgres => SingleOnPostgres(postgres, id),
        var other => other.Instances.AsNoTracking().Where(i => i.InstanceId == id && i.State != InstanceState.Released).AsAsyncEnumerable(),
    };

    private static bool IsOnDemand(InstanceRecord instance) => instance.ChargingMode is "ON_DEMAND" or "ON_DEMAND_PKG";

    private InstanceInfo Info(InstanceRecord instance, Dictionary<string, decimal> usage, DateTimeOffset now) => new()
    {
        InstanceId = instance.InstanceId,
        AppInfo = new Protocol.Messages.AppInfo
        {
            FrontEndUrl = instance.FrontEndUrl!,
            AdminUrl = instance.AdminUrl,
            UserName = instance.UserName,
            Password = store.Password(instance),
            Memo = instance.Memo,
        },
        // The cumulative usage reported by the seller's app, pushed or not yet (same totals as the usage pushes); from
        // KooGate's own records, so also when the charging mode is unknown (no open API to ask 查询订单).
        UsageInfo = IsOnDemand(instance) || usage.ContainsKey(instance.InstanceId)
            ? [new UsageInfo { UsageValue = usage.GetValueOrDefault(instance.InstanceId), StatisticalTime = KooTime.ToUtc17(now) }]
            : null,
    };
}

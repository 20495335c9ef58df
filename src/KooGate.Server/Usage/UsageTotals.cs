using KooGate.Server.Data;
using Microsoft.EntityFrameworkCore;

namespace KooGate.Server.Usage;

/// <summary>Cumulative usage per instance, as queryInstance <c>usageInfo</c> reports it: closed SDRs plus open entries.</summary>
public static class UsageTotals
{
    /// <summary>The totals of <paramref name="instanceIds"/> that have usage; <typeparamref name="TContext"/> is the provider's context type.</summary>
    public static async Task<Dictionary<string, decimal>> ForAsync<TContext>(TContext db, string[] instanceIds, CancellationToken cancellationToken)
        where TContext : KooGateDbContext
    {
        var totals = new Dictionary<string, decimal>(StringComparer.Ordinal);
        if (instanceIds.Length == 0)
        {
            return totals;
        }

        // Summed here rather than in SQL: SQLite stores decimals as text.
        await foreach (var (instanceId, value) in Compiled<TContext>.Amounts(db, instanceIds).WithCancellation(cancellationToken))
        {
            totals[instanceId] = totals.GetValueOrDefault(instanceId) + value;
        }

        return totals;
    }

    private sealed record Amount(string InstanceId, decimal Value);

    /// <summary>One statement (closed SDRs, then open entries), compiled once per provider's context type (a compiled query belongs to one model).</summary>
    private static class Compiled<TContext>
        where TContext : KooGateDbContext
    {
        public static readonly Func<TContext, string[], IAsyncEnumerable<Amount>> Amounts = EF.CompileAsyncQuery(
            (TContext db, string[] ids) => db.UsagePeriods.AsNoTracking().Where(p => ids.Contains(p.InstanceId)).Select(p => new { p.InstanceId, p.Value })
                .Concat(db.UsageEntries.AsNoTracking().Where(e => e.PeriodId == null && ids.Contains(e.InstanceId)).Select(e => new { e.InstanceId, e.Value }))
                .Select(x => new Amount(x.InstanceId, x.Value)));
    }
}

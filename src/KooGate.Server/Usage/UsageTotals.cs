using KooGate.Server.Data;
using Microsoft.EntityFrameworkCore;

namespace KooGate.Server.Usage;

/// <summary>Cumulative usage per instance, as queryInstance <c>usageInfo</c> reports it: closed SDRs plus open entries.</summary>
public static class UsageTotals
{
    public static async Task<Dictionary<string, decimal>> ForAsync(KooGateDbContext db, IReadOnlyCollection<string> instanceIds, CancellationToken cancellationToken)
    {
        if (instanceIds.Count == 0)
        {
            return new Dictionary<string, decimal>(StringComparer.Ordinal);
        }

        // Summed here rather than in SQL: SQLite stores decimals as text.
        var closed = await db.UsagePeriods.AsNoTracking().Where(p => instanceIds.Contains(p.InstanceId)).Select(p => new { p.InstanceId, p.Value }).ToListAsync(cancellationToken);
        var open = await db.UsageEntries.AsNoTracking().Where(e => e.PeriodId == null && instanceIds.Contains(e.InstanceId)).Select(e => new { e.InstanceId, e.Value }).ToListAsync(cancellationToken);
        return closed.Concat(open).GroupBy(x => x.InstanceId, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Sum(x => x.Value), StringComparer.Ordinal);
    }
}

using KooGate.Server.Admin;
using KooGate.Server.Data;
using Microsoft.EntityFrameworkCore;

namespace KooGate.Server.Dashboard;

/// <summary>
/// The signs KooGallery's operators act on: more than <see cref="DelistingLimit"/> orders of one product failed by the
/// seller's interface in a month gets the product delisted, and 5 days of failing probes (saved debug cases replayed
/// twice a day) get it hidden. Also the callback error rate and failed order fetches.
/// </summary>
public sealed record MarketplaceHealth(
    int FailedThisMonth, string? WorstProduct, int ProbeFailures7Days, int Calls24Hours, int FailedCalls24Hours, int FailedOrderFetches)
{
    /// <summary>"商品单月因接口失败导致的失败订单超过5个,云商店将对该商品下架处理".</summary>
    public const int DelistingLimit = 5;

    /// <summary>Failed orders of one product in a month at which operators are warned (the KooGateDelistingRisk alert too).</summary>
    public const int WarningLevel = 3;

    public double ErrorRate => Calls24Hours == 0 ? 0 : FailedCalls24Hours / (double)Calls24Hours;

    public bool AtRisk => FailedThisMonth > DelistingLimit;

    public bool NearRisk => FailedThisMonth >= WarningLevel;

    public static DateTimeOffset MonthStart(DateTimeOffset now) => new(now.UtcDateTime.Year, now.UtcDateTime.Month, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Real (not debug, not KGCHECK) instances failed since the first of this UTC month, for the product with the most.</summary>
    public static async Task<(int Count, string? ProductId)> WorstProductAsync(KooGateDbContext db, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var counts = await new InstanceFilter(State: InstanceState.Failed, From: MonthStart(now)).Apply(db)
            .GroupBy(i => i.ProductId).Select(g => new { Product = g.Key, Count = g.Count() }).ToListAsync(cancellationToken);
        var worst = counts.OrderByDescending(c => c.Count).FirstOrDefault();
        return (worst?.Count ?? 0, worst?.Product);
    }

    public static async Task<MarketplaceHealth> MeasureAsync(KooGateDbContext db, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var (failed, product) = await WorstProductAsync(db, now, cancellationToken);
        var probes = await new CallbackFilter(From: now.AddDays(-7), FailedOnly: true).Apply(db).CountAsync(c => c.IsTest, cancellationToken);
        var day = new CallbackFilter(From: now.AddHours(-24));
        var calls = await day.Apply(db).CountAsync(cancellationToken);
        var failedCalls = await (day with { FailedOnly = true }).Apply(db).CountAsync(cancellationToken);
        var fetches = await db.Orders.CountAsync(o => o.Status == OrderFetchStatus.Failed, cancellationToken);
        return new MarketplaceHealth(failed, product, probes, calls, failedCalls, fetches);
    }
}

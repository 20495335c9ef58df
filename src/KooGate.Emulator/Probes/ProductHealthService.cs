using KooGate.Emulator.Clock;
using KooGate.Emulator.Data;
using KooGate.Emulator.Delivery;
using KooGate.Protocol.Messages;
using Microsoft.EntityFrameworkCore;

namespace KooGate.Emulator.Probes;

/// <summary>A product's standing with the marketplace (<c>GET /api/products/{id}/health</c>, the page's <i>Health</i> table).</summary>
public sealed record ProductHealthView(
    string ProductId,
    string Status,
    string? Reason,
    int FailingProbeDays,
    int FailingDaysToFreeze,
    int FailingDaysToDelist,
    int FailedOrdersThisMonth,
    int FailedOrdersAllowedPerMonth,
    DateTimeOffset? LastProbeAt,
    DateTimeOffset? NextProbeAt,
    IReadOnlyList<DebugCaseView> DebugCases,
    IReadOnlyList<ProbeView> RecentProbes);

public sealed record DebugCaseView(string Activity, string ResourceId, DateTimeOffset SavedAt);

public sealed record ProbeView(long DeliveryId, string Activity, DateTimeOffset At, string State, string? Verdict);

/// <summary>
/// Judges products by their probes and failed orders (<see cref="HealthRules"/>) and applies the consequence: trading
/// frozen (no orders) while the probes keep failing, lifted by a day of passing probes; delisting, which is final.
/// </summary>
public sealed class ProductHealthService(EmulatorDb db, VirtualClock clock)
{
    public const string OnSale = "on-sale";

    public const string TradingFrozen = "trading-frozen";

    public const string Delisted = "delisted";

    public async Task<ProductHealthView> GetAsync(string productId, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var probes = await ProbesAsync(productId, cancellationToken);
        var cases = await db.DebugCases.AsNoTracking().Where(c => c.ProductId == productId).OrderBy(c => c.Activity)
            .Select(c => new DebugCaseView(c.Activity, c.ResourceId, c.SavedAt)).ToListAsync(cancellationToken);
        var rules = await db.ListingRules.AsNoTracking().SingleOrDefaultAsync(r => r.ProductId == productId, cancellationToken);
        var state = await db.ProductHealth.AsNoTracking().SingleOrDefaultAsync(h => h.ProductId == productId, cancellationToken);
        var (status, reason) = rules is { Status: ListingStatus.Delisted }
            ? (Delisted, rules.DelistReason)
            : state?.TradingFrozenAt is { } frozenAt
                ? (TradingFrozen, $"trading frozen and the product hidden since {frozenAt:u}: its interface failed the probes (拨测) {HealthRules.FailingDaysToFreeze} days running")
                : (OnSale, (string?)null);
        var onSale = status != Delisted && cases.Count > 0;
        return new ProductHealthView(
            productId,
            status,
            reason,
            FailingDays(probes),
            HealthRules.FailingDaysToFreeze,
            HealthRules.FailingDaysToDelist,
            await FailedOrdersThisMonthAsync(productId, now, cancellationToken),
            HealthRules.FailedOrdersPerMonth,
            probes.Count > 0 ? probes.Max(p => p.At) : null,
            onSale ? ProbeSchedule.NextAfter(now) : null,
            cases,
            [.. probes.OrderByDescending(p => p.At).ThenByDescending(p => p.DeliveryId).Take(20)]);
    }

    public async Task<IReadOnlyList<ProductHealthView>> AllAsync(CancellationToken cancellationToken)
    {
        var ids = await db.Products.AsNoTracking().OrderBy(p => p.ProductId).Select(p => p.ProductId).ToListAsync(cancellationToken);
        var views = new List<ProductHealthView>(ids.Count);
        foreach (var id in ids)
        {
            views.Add(await GetAsync(id, cancellationToken));
        }

        return views;
    }

    /// <summary>Applies the consequence the product's record calls for now; returns whether anything changed.</summary>
    public async Task<bool> ApplyAsync(string productId, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var rules = await db.ListingRules.SingleOrDefaultAsync(r => r.ProductId == productId, cancellationToken);
        if (rules is { Status: ListingStatus.Delisted })
        {
            return false;
        }

        var failingDays = FailingDays(await ProbesAsync(productId, cancellationToken));
        var failedOrders = await FailedOrdersThisMonthAsync(productId, now, cancellationToken);
        string? delistReason = failingDays >= HealthRules.FailingDaysToDelist
            ? $"delisted by the marketplace: the interface failed the probes (拨测) {failingDays} days running"
            : failedOrders > HealthRules.FailedOrdersPerMonth
                ? $"delisted by the marketplace: {failedOrders} orders this month failed because the interface did not deliver them (more than {HealthRules.FailedOrdersPerMonth})"
                : null;
        if (delistReason is not null)
        {
            if (rules is null)
            {
                rules = new ListingRules { ProductId = productId };
                db.ListingRules.Add(rules);
            }

            rules.Status = ListingStatus.Delisted;
            rules.DelistReason = delistReason;
            rules.DelistedAt = now;
            return true;
        }

        var state = await db.ProductHealth.SingleOrDefaultAsync(h => h.ProductId == productId, cancellationToken);
        if (failingDays >= HealthRules.FailingDaysToFreeze && state?.TradingFrozenAt is null)
        {
            if (state is null)
            {
                state = new ProductHealthState { ProductId = productId };
                db.ProductHealth.Add(state);
            }

            state.TradingFrozenAt = now;
            return true;
        }

        if (failingDays == 0 && state?.TradingFrozenAt is not null)
        {
            state.TradingFrozenAt = null;
            return true;
        }

        return false;
    }

    /// <summary>Whether the marketplace has frozen trading of the product.</summary>
    public Task<bool> IsTradingFrozenAsync(string productId, CancellationToken cancellationToken) =>
        db.ProductHealth.AnyAsync(h => h.ProductId == productId && h.TradingFrozenAt != null, cancellationToken);

    /// <summary>Consecutive days, back from the last day probed, on which at least one probe failed.</summary>
    private static int FailingDays(IReadOnlyList<ProbeView> probes)
    {
        var days = probes.Where(p => p.State is nameof(DeliveryState.Succeeded) or nameof(DeliveryState.Failed))
            .GroupBy(p => p.At.UtcDateTime.Date)
            .OrderByDescending(g => g.Key)
            .Select(g => g.Any(p => p.State == nameof(DeliveryState.Failed)));
        return days.TakeWhile(failed => failed).Count();
    }

    private async Task<List<ProbeView>> ProbesAsync(string productId, CancellationToken cancellationToken)
    {
        var cases = db.DebugCases.Where(c => c.ProductId == productId).Select(c => c.Id);
        var rows = await db.Deliveries.AsNoTracking().Where(d => d.DebugCaseId != null && cases.Contains(d.DebugCaseId.Value))
            .Select(d => new { d.Id, d.Activity, d.CreatedAt, d.State, d.LastVerdict }).ToListAsync(cancellationToken);
        return [.. rows.Select(d => new ProbeView(d.Id, d.Activity, d.CreatedAt, d.State.ToString(), d.LastVerdict))];
    }

    /// <summary>Orders that failed this calendar month because the interface did not deliver them (not the seller's business refusals).</summary>
    private async Task<int> FailedOrdersThisMonthAsync(string productId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var monthStart = new DateTimeOffset(now.UtcDateTime.Year, now.UtcDateTime.Month, 1, 0, 0, 0, TimeSpan.Zero);
        var codes = await db.Orders.AsNoTracking()
            .Where(o => o.ProductId == productId && !o.Test && o.Status == OrderStatus.Failed && o.RefundReason == RefundReason.DeliveryFailed
                && o.RefundedAt >= monthStart && o.OrderType != OrderTypes.Unsubscribe)
            .Select(o => o.FailureCode).ToListAsync(cancellationToken);
        return codes.Count(code => code is null || !CreateRefusals.FinalCodes.Contains(code));
    }
}

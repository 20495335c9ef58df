using KooGate.Server.Admin;
using KooGate.Server.Dashboard.Components;
using KooGate.Server.Data;
using KooGate.Server.Usage;
using Microsoft.EntityFrameworkCore;

namespace KooGate.Server.Dashboard;

/// <summary>License codes (license-code 2.0) and pay-per-use usage records with their pushes.</summary>
internal static class DashboardLicensesAndUsage
{
    public static void MapDashboardLicensesAndUsage(this RouteGroupBuilder pages)
    {
        pages.MapGet("/licenses", LicensesAsync);
        pages.MapGet("/licenses/{code}", LicenseAsync);
        pages.MapGet("/usage", UsageAsync);
    }

    private static async Task<IResult> LicensesAsync(KooGateDbContext db, TimeProvider time, string? q, string? state, int? skip, CancellationToken cancellationToken)
    {
        var query = db.Set<LicenseCodeRecord>().AsNoTracking();
        var parsed = Enum.TryParse<LicenseCodeState>(state, ignoreCase: true, out var s) ? s : (LicenseCodeState?)null;
        query = parsed is null ? query : query.Where(c => c.State == parsed);
        var search = DashboardEndpoints.Blank(q);
        query = search is null ? query : query.Where(c => c.Code.Contains(search) || (c.LastOrderId != null && c.LastOrderId.Contains(search)) || (c.ProductId != null && c.ProductId == search));
        var page = await Paging.PageAsync(query.OrderByDescending(c => c.UpdatedAt).ThenBy(c => c.Code), skip, DashboardEndpoints.PageSize, cancellationToken);
        var pager = new Pager("/dashboard/licenses", new Dictionary<string, string?> { ["q"] = search, ["state"] = parsed?.ToString() }, page.Skip, page.Take, page.Total, page.Items.Count);
        return DashboardEndpoints.Page<LicensesPage>(new LicenseCodesModel(page.Items, search, parsed?.ToString(), pager, time.GetUtcNow()));
    }

    private static async Task<IResult> LicenseAsync(string code, KooGateDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var record = await db.Set<LicenseCodeRecord>().AsNoTracking().FirstOrDefaultAsync(c => c.Code == code, cancellationToken);
        if (record is null)
        {
            return DashboardEndpoints.NotFound("license code", code);
        }

        var callbacks = await new CallbackFilter(InstanceId: code, IncludeSynthetic: true).Apply(db).Take(DashboardEndpoints.PageSize).ToListAsync(cancellationToken);
        return DashboardEndpoints.Page<LicensePage>(new LicenseCodeModel(record, callbacks.Select(CallbackView.From).ToList(), time.GetUtcNow()));
    }

    private static async Task<IResult> UsageAsync(KooGateDbContext db, string? instanceId, string? status, int? skip, CancellationToken cancellationToken)
    {
        var instance = DashboardEndpoints.Blank(instanceId);
        var entries = db.UsageEntries.AsNoTracking();
        entries = instance is null ? entries : entries.Where(e => e.InstanceId == instance);
        var page = await Paging.PageAsync(entries.OrderByDescending(e => e.ReceivedAt).ThenBy(e => e.RecordId), skip, DashboardEndpoints.PageSize, cancellationToken);
        var periods = db.UsagePeriods.AsNoTracking();
        var parsed = Enum.TryParse<UsagePeriodStatus>(status, ignoreCase: true, out var s) ? s : (UsagePeriodStatus?)null;
        periods = parsed is null ? periods : periods.Where(p => p.Status == parsed);
        periods = instance is null ? periods : periods.Where(p => p.InstanceId == instance);
        var periodRows = await periods.OrderByDescending(p => p.Id).Take(DashboardEndpoints.PageSize).ToListAsync(cancellationToken);
        var failed = await db.UsagePeriods.CountAsync(p => p.Status == UsagePeriodStatus.Failed, cancellationToken);
        var pager = new Pager("/dashboard/usage", new Dictionary<string, string?> { ["instanceId"] = instance, ["status"] = parsed?.ToString() }, page.Skip, page.Take, page.Total, page.Items.Count);
        var billedIn = page.Items.Select(e => e.PeriodId).OfType<long>().Distinct().ToList();
        var billing = await db.UsagePeriods.AsNoTracking().Where(p => billedIn.Contains(p.Id)).ToDictionaryAsync(p => p.Id, cancellationToken);
        return DashboardEndpoints.Page<UsagePage>(new UsageModel(
            page.Items.Select(e => UsageEntryView.From(e, e.PeriodId is { } id ? billing.GetValueOrDefault(id) : null)).ToList(), pager,
            periodRows.Select(p => new UsagePeriodView(p.Id, p.InstanceId, p.BeginTime, p.EndTime, p.Value, p.EntryCount, p.MeteringSn, p.Status.ToString(), p.Attempts, p.NextAttemptAt, p.LastError, p.PushedAt)).ToList(),
            instance, parsed?.ToString(), failed));
    }
}

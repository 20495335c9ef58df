using KooGate.Protocol.Messages;
using KooGate.Protocol.OpenApi;
using KooGate.Server.Background;
using KooGate.Server.Configuration;
using KooGate.Server.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace KooGate.Server.Usage;

/// <summary>
/// Closes usage windows into SDRs and pushes them (saas-v1-and-joint.md §6). Each closed window with usage gets its own
/// SDR, created once per instance (unique index), so a backlog of hours goes out as hourly windows; a report whose
/// window was closed already is billed in the newest closed window instead of being lost (<see cref="UsageWindows.Plan"/>).
/// No SDR begins before the instance was created. Pushes are claimed per SDR by a conditional update of
/// <see cref="UsagePeriod.Attempts"/>, retried with backoff while the failure is transient; a refused push is split until
/// only the refused SDRs fail (<c>POST /admin/api/usage/redrive</c> sends them again).
/// </summary>
public sealed class UsagePusher(
    IServiceScopeFactory scopes,
    OpenApi.MarketplaceClients clients,
    InterfaceKeys keys,
    IOptions<KooGateOptions> options,
    TimeProvider time,
    ILogger<UsagePusher> logger) : PeriodicWorker(time, logger)
{
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(2);

    private UsageOptions Settings => options.Value.Usage;

    protected override TimeSpan Interval => TimeSpan.FromMilliseconds(Math.Max(50, Settings.PollIntervalMilliseconds));

    protected override async Task<bool> RunOnceAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<KooGateDbContext>();
        await CloseWindowsAsync(db, cancellationToken);
        return options.Value.Marketplace.IsConfigured && await PushAsync(db, cancellationToken);
    }

    private async Task CloseWindowsAsync(KooGateDbContext db, CancellationToken cancellationToken)
    {
        var now = Time.GetUtcNow();
        var window = TimeSpan.FromMinutes(Math.Max(1, Settings.WindowMinutes));
        var lastEnd = UsageWindows.LastClosedEnd(now, window, TimeSpan.FromSeconds(Settings.CloseDelaySeconds));
        var instances = await db.UsageEntries.AsNoTracking()
            .Where(e => e.PeriodId == null && e.UsageTime < lastEnd)
            .Select(e => e.InstanceId).Distinct().Take(200).ToListAsync(cancellationToken);
        foreach (var instanceId in instances)
        {
            db.ChangeTracker.Clear();
            var started = await db.Instances.AsNoTracking().Where(i => i.InstanceId == instanceId).Select(i => (DateTimeOffset?)i.CreatedAt).FirstOrDefaultAsync(cancellationToken);
            var entries = await db.UsageEntries.AsNoTracking().Where(e => e.InstanceId == instanceId && e.PeriodId == null && e.UsageTime < lastEnd).ToListAsync(cancellationToken);
            var closed = (await db.UsagePeriods.AsNoTracking().Where(p => p.InstanceId == instanceId).Select(p => p.EndTime).ToListAsync(cancellationToken)).ToHashSet();
            foreach (var (end, members) in UsageWindows.Plan(entries, started, window, lastEnd, closed))
            {
                await ClosePeriodAsync(db, instanceId, UsageWindows.Begin(end, window, started), end, members, now, cancellationToken);
            }
        }
    }

    /// <summary>Creates one SDR and claims its entries in one transaction; another process that got there first wins.</summary>
    private static async Task ClosePeriodAsync(
        KooGateDbContext db, string instanceId, DateTimeOffset begin, DateTimeOffset end, IReadOnlyList<UsageEntry> entries, DateTimeOffset now, CancellationToken cancellationToken)
    {
        db.ChangeTracker.Clear();
        var period = new UsagePeriod
        {
            InstanceId = instanceId,
            BeginTime = begin,
            EndTime = end,
            Value = entries.Sum(e => e.Value),
            EntryCount = entries.Count,
            MeteringSn = UsageWindows.MeteringSn(instanceId, begin, end),
            Status = UsagePeriodStatus.Pending,
            NextAttemptAt = now,
            CreatedAt = now,
        };
        db.UsagePeriods.Add(period);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (!await db.TrySaveAsync(cancellationToken))
        {
            await transaction.RollbackAsync(cancellationToken); // another process closed the same period first
            return;
        }

        var ids = entries.Select(e => e.RecordId).ToList();
        var claimed = await db.UsageEntries.Where(e => ids.Contains(e.RecordId) && e.PeriodId == null)
            .ExecuteUpdateAsync(s => s.SetProperty(e => e.PeriodId, period.Id), cancellationToken);
        if (claimed != ids.Count)
        {
            await transaction.RollbackAsync(cancellationToken); // another process folded some of them meanwhile
            return;
        }

        await transaction.CommitAsync(cancellationToken);
    }

    private async Task<bool> PushAsync(KooGateDbContext db, CancellationToken cancellationToken)
    {
        db.ChangeTracker.Clear();
        var now = Time.GetUtcNow();
        var due = await db.UsagePeriods.AsNoTracking()
            .Where(p => p.Status == UsagePeriodStatus.Pending && p.NextAttemptAt <= now)
            .OrderBy(p => p.Id).Take(MarketplaceClient.UsagePushLimit)
            .Select(p => new { p.Id, p.Attempts }).ToListAsync(cancellationToken);
        var batch = new List<long>();
        foreach (var period in due)
        {
            var claimed = await db.UsagePeriods.Where(p => p.Id == period.Id && p.Status == UsagePeriodStatus.Pending && p.Attempts == period.Attempts)
                .ExecuteUpdateAsync(s => s.SetProperty(p => p.Attempts, period.Attempts + 1).SetProperty(p => p.NextAttemptAt, now + Lease), cancellationToken);
            if (claimed == 1)
            {
                batch.Add(period.Id);
            }
        }

        if (batch.Count == 0)
        {
            return false;
        }

        var periods = await db.UsagePeriods.Where(p => batch.Contains(p.Id)).OrderBy(p => p.Id).ToListAsync(cancellationToken);
        var outcomes = new Dictionary<long, (string? Error, bool Transient)>();
        await SendIsolatingAsync(periods, now, outcomes, cancellationToken);
        var finished = Time.GetUtcNow();
        foreach (var period in periods)
        {
            var (error, transient) = outcomes[period.Id];
            if (error is null)
            {
                period.Status = UsagePeriodStatus.Pushed;
                period.PushedAt = finished;
                period.LastError = null;
                continue;
            }

            period.LastError = error;
            if (!transient || period.Attempts >= Settings.MaxAttempts)
            {
                period.Status = UsagePeriodStatus.Failed;
                logger.LogWarning("Usage push of {MeteringSn} failed for good: {Error}", period.MeteringSn, error);
            }
            else
            {
                period.NextAttemptAt = finished + Backoff.After(period.Attempts, Settings.FirstRetrySeconds, Settings.MaxRetrySeconds);
            }
        }

        await db.SaveChangesAsync(CancellationToken.None);
        return due.Count == MarketplaceClient.UsagePushLimit;
    }

    /// <summary>
    /// The marketplace refuses a whole push for one record it does not accept, so a refused push is halved and each half
    /// sent again until the refused records stand alone: one bad SDR never fails the others. Transient failures are not
    /// split (the whole batch is retried later).
    /// </summary>
    private async Task SendIsolatingAsync(
        List<UsagePeriod> periods, DateTimeOffset now, Dictionary<long, (string? Error, bool Transient)> outcomes, CancellationToken cancellationToken)
    {
        var (error, transient) = await SendAsync(periods, now, cancellationToken);
        if (error is null || transient || periods.Count == 1)
        {
            foreach (var period in periods)
            {
                outcomes[period.Id] = (error, transient);
            }

            return;
        }

        var half = periods.Count / 2;
        await SendIsolatingAsync(periods[..half], now, outcomes, cancellationToken);
        await SendIsolatingAsync(periods[half..], now, outcomes, cancellationToken);
    }

    private async Task<(string? Error, bool Transient)> SendAsync(List<UsagePeriod> periods, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var client = clients.Create();
        var request = new UsagePushRequest
        {
            UsageRecords = periods.Select(p => UsageRecord.Create(p.InstanceId, p.BeginTime, p.EndTime, p.Value, p.MeteringSn, now)).ToList(),
        };
        if (keys.For(InterfaceType.Basic) is not [var accessKey, ..])
        {
            return ("no basic accessKey configured (KooGate:Keys:Basic) to sign usage pushes", true);
        }

        try
        {
            // The body signature uses the key bound to the basic interface (saas-v1-and-joint.md §2.7).
            await client.PushUsageAsync(request, accessKey, cancellationToken);
            return (null, false);
        }
        catch (MarketplaceApiException e)
        {
            return ($"{e.ErrorCode ?? ((int?)e.StatusCode)?.ToString(System.Globalization.CultureInfo.InvariantCulture)}: {e.Message}", e.IsTransient);
        }
        catch (Exception e) when (e is HttpRequestException or TimeoutException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return ($"{e.GetType().Name}: {e.Message}", true);
        }
    }
}

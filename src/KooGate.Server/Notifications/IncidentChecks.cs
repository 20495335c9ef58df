using System.Globalization;
using KooGate.Server.Admin;
using KooGate.Server.Dashboard;
using KooGate.Server.Data;
using Microsoft.EntityFrameworkCore;

namespace KooGate.Server.Notifications;

/// <summary>
/// One kind of incident. From the cursor (null before the first run) it finds what is new and returns the cursor to
/// store next with the incident to announce, if any; the same cursor back means nothing changed.
/// </summary>
public interface IIncidentCheck
{
    string Name { get; }

    Task<(string Position, Incident? Incident)> EvaluateAsync(KooGateDbContext db, string? position, DateTimeOffset now, CancellationToken cancellationToken);
}

/// <summary>Deliveries that used their last attempt since the previous notification and are still dead.</summary>
public sealed class DeadDeliveriesCheck : IIncidentCheck
{
    private const int Listed = 10;

    public string Name => "dead-deliveries";

    public async Task<(string, Incident?)> EvaluateAsync(KooGateDbContext db, string? position, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var after = LongPosition(position);
        var newest = await db.OutboxAttempts.Where(a => a.Outcome == OutboxAttemptOutcome.Dead && a.Id > after)
            .MaxAsync(a => (long?)a.Id, cancellationToken);
        if (newest is null)
        {
            return (position ?? "0", null);
        }

        var dead = await db.OutboxAttempts.AsNoTracking()
            .Where(a => a.Outcome == OutboxAttemptOutcome.Dead && a.Id > after && a.Id <= newest)
            .Join(db.Outbox.Where(m => m.Status == OutboxStatus.Dead), a => a.MessageId, m => m.Id, (a, m) => new { m.Id, m.Type, m.InstanceId, a.Attempt, a.StatusCode, a.Error })
            .OrderBy(x => x.Id)
            .ToListAsync(cancellationToken);
        var next = newest.Value.ToString(CultureInfo.InvariantCulture);
        if (dead.Count == 0)
        {
            return (next, null);
        }

        var lines = dead.Take(Listed)
            .Select(d => $"- {d.Type} for instance {d.InstanceId ?? "(none)"} (event {d.Id}): {FailureSummary(d.StatusCode, d.Error)} at attempt {d.Attempt}")
            .ToList();
        if (dead.Count > Listed)
        {
            lines.Add($"- and {dead.Count - Listed} more");
        }

        lines.Add("Fix the application's webhook endpoint, then redeliver: koogate admin outbox redeliver --all-dead");
        var subject = dead.Count == 1 ? "KooGate: a webhook delivery is dead" : $"KooGate: {dead.Count} webhook deliveries are dead";
        return (next, new Incident(subject, lines, "/dashboard/outbox?status=Dead"));
    }

    /// <summary>The HTTP status, or the kind of failure without its message (which may name the app's host).</summary>
    internal static string FailureSummary(int? statusCode, string? error) =>
        statusCode is { } status ? $"HTTP {status.ToString(CultureInfo.InvariantCulture)}"
        : error is null ? "failed"
        : error.StartsWith("timed out", StringComparison.Ordinal) ? "timed out"
        : error.StartsWith("no webhook URL", StringComparison.Ordinal) ? "no webhook URL configured"
        : error.Split(':')[0];

    internal static long LongPosition(string? position) =>
        long.TryParse(position, NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : 0;
}

/// <summary>Real (not debug, not KGCHECK) instances whose provisioning failed since the previous notification and that are still failed.</summary>
public sealed class FailedProvisioningCheck : IIncidentCheck
{
    private const int Listed = 10;

    public string Name => "failed-provisioning";

    public async Task<(string, Incident?)> EvaluateAsync(KooGateDbContext db, string? position, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var after = DeadDeliveriesCheck.LongPosition(position);
        var newest = await db.InstanceEvents.Where(e => e.ToState == InstanceState.Failed && e.Id > after).MaxAsync(e => (long?)e.Id, cancellationToken);
        if (newest is null)
        {
            return (position ?? "0", null);
        }

        var failed = await db.InstanceEvents.AsNoTracking()
            .Where(e => e.ToState == InstanceState.Failed && e.Id > after && e.Id <= newest)
            .Join(new InstanceFilter(State: InstanceState.Failed).Apply(db), e => e.InstanceId, i => i.InstanceId, (e, i) => new { e.Id, i.InstanceId, i.ProductId, i.FailureCode })
            .OrderBy(x => x.Id)
            .ToListAsync(cancellationToken);
        var next = newest.Value.ToString(CultureInfo.InvariantCulture);
        var instances = failed.DistinctBy(f => f.InstanceId).ToList();
        if (instances.Count == 0)
        {
            return (next, null);
        }

        var lines = instances.Take(Listed)
            .Select(f => $"- instance {f.InstanceId} of product {f.ProductId ?? "(unknown)"}: result code {f.FailureCode ?? "(none)"}")
            .ToList();
        if (instances.Count > Listed)
        {
            lines.Add($"- and {instances.Count - Listed} more");
        }

        lines.Add($"Each failed order counts towards delisting (more than {MarketplaceHealth.DelistingLimit} of one product in a month). Fix the cause, then retry: koogate admin instances retry <instance-id>");
        var subject = instances.Count == 1 ? "KooGate: provisioning failed for an instance" : $"KooGate: provisioning failed for {instances.Count} instances";
        return (next, new Incident(subject, lines, "/dashboard/instances?state=Failed"));
    }
}

/// <summary>
/// The product with the most failed orders this UTC month, from <see cref="MarketplaceHealth"/>: announced when it
/// reaches <see cref="MarketplaceHealth.WarningLevel"/> and again at every further failure of that month.
/// </summary>
public sealed class DelistingRiskCheck : IIncidentCheck
{
    public string Name => "delisting-risk";

    public async Task<(string, Incident?)> EvaluateAsync(KooGateDbContext db, string? position, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var month = MarketplaceHealth.MonthStart(now).ToString("yyyy-MM", CultureInfo.InvariantCulture);
        var (count, product) = await MarketplaceHealth.WorstProductAsync(db, now, cancellationToken);
        var announced = position?.Split(' ') is [var m, var c] && m == month ? DeadDeliveriesCheck.LongPosition(c) : 0;
        if (count < MarketplaceHealth.WarningLevel || count <= announced)
        {
            return (position ?? $"{month} 0", null);
        }

        var over = count > MarketplaceHealth.DelistingLimit;
        var subject = over
            ? $"KooGate: product {product ?? "(unknown)"} has {count} failed orders this month: KooGallery delists at more than {MarketplaceHealth.DelistingLimit}"
            : $"KooGate: delisting risk, product {product ?? "(unknown)"} has {count} failed orders this month";
        string[] lines =
        [
            $"KooGallery delists a product with more than {MarketplaceHealth.DelistingLimit} orders failed by the seller's interface in one month ({count} so far in {month}, UTC).",
            "Find the cause in the failed instances of this month, fix it, and complete what can still be completed.",
        ];
        return ($"{month} {count.ToString(CultureInfo.InvariantCulture)}", new Incident(subject, lines, "/dashboard/instances?state=Failed"));
    }
}

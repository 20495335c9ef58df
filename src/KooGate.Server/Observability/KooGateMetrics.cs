using System.Collections.Frozen;
using System.Diagnostics.Metrics;
using KooGate.Protocol.Messages;
using KooGate.Server.Data;
using Microsoft.EntityFrameworkCore;

namespace KooGate.Server.Observability;

/// <summary>
/// KooGate's own instruments on the meter <c>KooGate</c>, exported at <c>/metrics</c> in Prometheus format:
/// callbacks by family, activity and result code with their latency; webhook deliveries; the outbox backlog;
/// failed marketplace open-API calls.
/// </summary>
public sealed class KooGateMetrics
{
    public const string MeterName = "KooGate";

    /// <summary>
    /// Activity names come from unverified bodies and paths: only the names KooGate answers are labels, anything else
    /// counts as "other", so junk cannot crowd real activities out or grow the series without bound.
    /// </summary>
    private static readonly FrozenSet<string> KnownActivities = new[]
    {
        Activities.SaasV2, Activities.SaasV1, Activities.LegacyLicense, Activities.LicenseCode, KitInterfaces.All,
        [Activities.OrderNotify, Activities.GetLicenseAsync],
    }.SelectMany(names => names).ToFrozenSet(StringComparer.Ordinal);
    private readonly IServiceScopeFactory _scopes;
    private readonly Counter<long> _callbacks;
    private readonly Histogram<double> _callbackDuration;
    private readonly Counter<long> _deliveries;
    private readonly Counter<long> _openApiFailures;

    public KooGateMetrics(IMeterFactory meters, IServiceScopeFactory scopes)
    {
        _scopes = scopes;
        var meter = meters.Create(MeterName);
        _callbacks = meter.CreateCounter<long>("koogate.callbacks", "{callback}", "Production-interface calls answered, by family, activity and result code");
        _callbackDuration = meter.CreateHistogram<double>("koogate.callback.duration", "s", "Time from request to signed answer",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10] });
        _deliveries = meter.CreateCounter<long>("koogate.outbox.deliveries", "{attempt}", "Webhook delivery attempts, by event type and outcome (delivered, failed, dead)");
        _openApiFailures = meter.CreateCounter<long>("koogate.openapi.failures", "{call}", "Failed marketplace open-API calls, by operation and reason");
        meter.CreateObservableGauge("koogate.outbox.backlog", ObserveBacklog, "{message}", "Outbox messages not delivered, by status (pending, dead)");
        meter.CreateObservableGauge("koogate.provisioning.failed_this_month", ObserveFailedThisMonth, "{instance}",
            "Real instances failed since the first of this UTC month, for the product with the most (KooGallery delists a product with more than 5)");
    }

    public void RecordCallback(string family, string? activity, string resultCode, TimeSpan elapsed)
    {
        var familyTag = new KeyValuePair<string, object?>("family", family);
        var activityTag = new KeyValuePair<string, object?>("activity", BoundedActivity(activity));
        _callbacks.Add(1, familyTag, activityTag, new KeyValuePair<string, object?>("result_code", resultCode));
        _callbackDuration.Record(elapsed.TotalSeconds, familyTag, activityTag);
    }

    public void RecordDelivery(string eventType, string outcome) =>
        _deliveries.Add(1, new KeyValuePair<string, object?>("type", eventType), new KeyValuePair<string, object?>("outcome", outcome));

    public void RecordOpenApiFailure(string operation, string reason) =>
        _openApiFailures.Add(1, new KeyValuePair<string, object?>("operation", operation), new KeyValuePair<string, object?>("reason", reason));

    private static string BoundedActivity(string? activity) =>
        activity is null ? "none" : KnownActivities.Contains(activity) ? activity : "other";

    private IEnumerable<Measurement<long>> ObserveFailedThisMonth()
    {
        try
        {
            using var scope = _scopes.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<KooGateDbContext>();
            var time = scope.ServiceProvider.GetRequiredService<TimeProvider>();
            var (count, _) = Dashboard.MarketplaceHealth.WorstProductAsync(db, time.GetUtcNow(), CancellationToken.None).GetAwaiter().GetResult();
            return [new Measurement<long>(count)];
        }
        catch (Exception e) when (e is InvalidOperationException or System.Data.Common.DbException)
        {
            return [];
        }
    }

    /// <summary>Queried when scraped; a database that cannot answer reports nothing rather than failing the scrape.</summary>
    private IEnumerable<Measurement<long>> ObserveBacklog()
    {
        List<(OutboxStatus Status, int Count)> counts;
        try
        {
            using var scope = _scopes.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<KooGateDbContext>();
            counts = db.Outbox.AsNoTracking().Where(m => m.Status != OutboxStatus.Delivered)
                .GroupBy(m => m.Status).Select(g => new { g.Key, Count = g.Count() }).AsEnumerable()
                .Select(g => (g.Key, g.Count)).ToList();
        }
        catch (Exception e) when (e is InvalidOperationException or System.Data.Common.DbException)
        {
            return [];
        }

        return new[] { OutboxStatus.Pending, OutboxStatus.Dead }.Select(status => new Measurement<long>(
            counts.Where(c => c.Status == status).Sum(c => c.Count), new KeyValuePair<string, object?>("status", status.ToString().ToLowerInvariant())));
    }
}

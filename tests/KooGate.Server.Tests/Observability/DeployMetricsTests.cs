using System.Diagnostics.Metrics;
using System.Text.RegularExpressions;
using KooGate.Server.Observability;
using KooGate.Server.Tests.Infrastructure;
using KooGate.Testing.Server;

namespace KooGate.Server.Tests.Observability;

/// <summary>The alert rules and the Grafana dashboard under deploy/ only use metrics KooGate exports.</summary>
public sealed partial class DeployMetricsTests
{
    /// <summary>Series Prometheus itself adds to every target.</summary>
    private static readonly HashSet<string> PrometheusOwn = ["up"];

    public static TheoryData<string> Files => ["deploy/prometheus/koogate-alerts.yaml", "deploy/grafana/koogate-dashboard.json"];

    [Theory]
    [MemberData(nameof(Files))]
    public async Task Every_metric_used_is_exported_by_the_server(string file)
    {
        var used = MetricName().Matches(await File.ReadAllTextAsync(Path.Combine(Packaging.PackagingTests.RepositoryRoot(), file))).Select(m => m.Value).ToHashSet();
        Assert.NotEmpty(used);
        var exported = await ExportedNamesAsync();
        Assert.All(used, name => Assert.True(exported.Contains(name) || PrometheusOwn.Contains(name), $"{file} uses {name}, which /metrics does not export"));
    }

    [Fact]
    public async Task Alert_rules_fire_on_up_only_for_the_job_they_name()
    {
        var rules = await File.ReadAllTextAsync(Path.Combine(Packaging.PackagingTests.RepositoryRoot(), "deploy/prometheus/koogate-alerts.yaml"));
        Assert.Contains("up{job=\"koogate\"}", rules, StringComparison.Ordinal);
    }

    /// <summary>
    /// Every instrument of the KooGate meter under its Prometheus name (dots to underscores, the unit "s" as
    /// _seconds, counters with _total, histograms with _bucket/_count/_sum); the names a scrape shows confirm the rule.
    /// </summary>
    private static async Task<HashSet<string>> ExportedNamesAsync()
    {
        using var host = new KooGateHost();
        var scrape = await (await host.Http.GetAsync("/metrics")).Content.ReadAsStringAsync();
        var names = new HashSet<string>(StringComparer.Ordinal);
        using (var listener = new MeterListener())
        {
            listener.InstrumentPublished = (instrument, _) =>
            {
                if (instrument.Meter.Name == KooGateMetrics.MeterName)
                {
                    names.UnionWith(PrometheusNames(instrument));
                }
            };
            listener.Start();
        }

        Assert.Contains("koogate_outbox_backlog", names);
        foreach (var line in scrape.Split('\n').Where(l => l.StartsWith("koogate_", StringComparison.Ordinal)))
        {
            Assert.Contains(MetricName().Match(line).Value, names);
        }

        return names;
    }

    private static IEnumerable<string> PrometheusNames(Instrument instrument)
    {
        var name = instrument.Name.Replace('.', '_') + (instrument.Unit == "s" ? "_seconds" : string.Empty);
        var type = instrument.GetType().GetGenericTypeDefinition();
        if (type == typeof(Counter<>) || type == typeof(ObservableCounter<>))
        {
            return [name + "_total"];
        }

        return type == typeof(Histogram<>) ? [name + "_bucket", name + "_count", name + "_sum"] : [name];
    }

    [GeneratedRegex(@"\b(koogate_[a-z_]+|up)\b(?=[{\[ )]|$)", RegexOptions.Multiline)]
    private static partial Regex MetricName();
}

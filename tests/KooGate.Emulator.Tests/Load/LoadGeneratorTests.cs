using System.Collections.Concurrent;
using KooGate.Emulator.Load;
using KooGate.Emulator.Tests.Infrastructure;
using KooGate.Protocol;
using KooGate.Protocol.Messages;
using Microsoft.Extensions.Time.Testing;

namespace KooGate.Emulator.Tests.Load;

/// <summary>
/// The load generator against a loopback stub that verifies every call's V2 signature with KooGate.Protocol. No
/// assertion on speed: throughput is bench/run's business.
/// </summary>
[Collection(LoadCollection.Name)]
public sealed class LoadGeneratorTests : IAsyncLifetime
{
    private const string Key = "load-key-0001";
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 3, 1, 8, 0, 0, TimeSpan.Zero));
    private StubProduction _stub = null!;

    public async Task InitializeAsync()
    {
        _stub = await StubProduction.StartAsync(_clock, Key);
        _stub.Respond = call => call.Activity == Activities.NewInstance
            ? StubReply.Code("000000", extra: $",\"instanceId\":\"i-{call.Param("businessId")}\"")
            : StubReply.Code("000000");
    }

    public async Task DisposeAsync() => await _stub.DisposeAsync();

    private LoadOptions Options(LoadActivity activity) => new()
    {
        ProductionUrl = new Uri(_stub.ProductionUrl),
        Key = Key,
        Activity = activity,
        Connections = 8,
        Duration = TimeSpan.FromSeconds(1.5),
    };

    [Fact]
    public async Task A_mixed_run_signs_every_call_afresh_and_its_report_adds_up()
    {
        var report = await LoadGenerator.RunAsync(Options(LoadActivity.Mix), _clock);

        var calls = _stub.Calls.ToList();
        var creates = _stub.Of(Activities.NewInstance);
        var queries = _stub.Of(Activities.QueryInstance);
        Assert.NotEmpty(creates);
        Assert.NotEmpty(queries);
        Assert.All(calls, call => Assert.True(call.SignatureValid, $"signature of {call.Body} did not verify"));
        Assert.All(calls, call => Assert.Equal(KooTime.ToEpochMilliseconds(_clock.GetUtcNow()), QueryParam(call, "timestamp")));
        AssertDistinct(calls.Select(c => QueryParam(c, "nonce")));
        AssertDistinct(creates.Select(c => c.Param("businessId")));
        AssertDistinct(creates.Select(c => c.Param("orderId")));
        var created = creates.Select(c => (string?)$"i-{c.Param("businessId")}").ToHashSet();
        Assert.All(queries, q => Assert.Contains(q.Param("instanceId"), created));

        Assert.Equal(calls.Count, report.Sent);
        Assert.Equal(creates.Count, report.CreateCalls);
        Assert.Equal(queries.Count, report.QueryCalls);
        Assert.Equal(report.Sent, report.Ok);
        Assert.Equal(0, report.Failed);
        Assert.False(report.HasFailures);
        Assert.Equal(new Dictionary<string, long> { ["000000"] = report.Sent }, report.ResultCodes);
        Assert.Equal(0, report.Seeded);
        Assert.Equal(report.Ok / report.ElapsedSeconds, report.OkPerSecond, 6);
        Assert.InRange(report.ElapsedSeconds, 1.5, 30);
        Assert.True(report.P50Ms > 0);
        Assert.True(report.P50Ms <= report.P90Ms && report.P90Ms <= report.P99Ms && report.P99Ms <= report.MaxMs);
        Assert.InRange(report.MeanMs, 0, report.MaxMs);
        Assert.Contains($"ok={report.Ok} failed=0 ", report.MachineLine());
    }

    [Fact]
    public async Task A_query_run_creates_instances_first_and_queries_only_those()
    {
        var options = Options(LoadActivity.Query) with { Connections = 4, SeedPerConnection = 3, Duration = TimeSpan.FromSeconds(1) };

        var report = await LoadGenerator.RunAsync(options, _clock);

        var creates = _stub.Of(Activities.NewInstance);
        var queries = _stub.Of(Activities.QueryInstance);
        Assert.Equal(12, creates.Count);
        Assert.Equal(12, report.Seeded);
        Assert.Equal(0, report.SeedFailed);
        Assert.Equal(0, report.CreateCalls);
        Assert.Equal(queries.Count, report.QueryCalls);
        Assert.Equal(queries.Count, report.Ok);
        var created = creates.Select(c => (string?)$"i-{c.Param("businessId")}").ToHashSet();
        Assert.All(queries, q => Assert.Contains(q.Param("instanceId"), created));
        Assert.Equal(created, queries.Select(q => q.Param("instanceId")).ToHashSet());
    }

    [Fact]
    public async Task A_kit_run_sends_tenant_sync_adds_of_distinct_tenants_each_with_its_own_x_sign()
    {
        var options = Options(LoadActivity.New) with { Profile = LoadProfile.KitV2, Connections = 4, Duration = TimeSpan.FromSeconds(1) };

        var report = await LoadGenerator.RunAsync(options, _clock);

        var calls = _stub.Calls.ToList();
        Assert.NotEmpty(calls);
        Assert.All(calls, call =>
        {
            Assert.EndsWith("/produce/produceAPI/v2/tenantSync", call.Path);
            Assert.True(call.SignatureValid, $"x-sign of {call.Body} did not verify");
            Assert.Equal(KooTime.ToEpochMilliseconds(_clock.GetUtcNow()), call.Headers["x-timestamp"]);
            Assert.Equal(KooTime.ToChina17(_clock.GetUtcNow()), call.Param("timeStamp"));
            Assert.Equal("1", call.Param("flag"));
        });
        AssertDistinct(calls.Select(c => c.Headers["x-nonce"]));
        AssertDistinct(calls.Select(c => c.Param("tenantId")));
        AssertDistinct(calls.Select(c => c.Param("tenantCode")));
        Assert.Equal(calls.Count, report.CreateCalls);
        Assert.Equal(report.Sent, report.Ok);
        Assert.Equal("kit-v2", report.Profile);
    }

    [Fact]
    public async Task Every_failed_call_is_counted_once_under_how_it_failed()
    {
        var kinds = new ConcurrentDictionary<string, int>();
        var next = -1;
        _stub.Respond = call =>
        {
            var kind = Interlocked.Increment(ref next) % 5;
            kinds[QueryParam(call, "nonce")!] = kind;
            return kind switch
            {
                0 => StubReply.Code("000000"),
                1 => StubReply.Code("000001"),
                2 => new StubReply("{}", Status: 500),
                3 => new StubReply("not json", ContentType: "text/plain"),
                _ => new StubReply("{\"resultCode\":\"000000\"}", Delay: TimeSpan.FromSeconds(2)),
            };
        };
        var options = Options(LoadActivity.New) with { Connections = 4, Duration = TimeSpan.FromSeconds(1), Timeout = TimeSpan.FromMilliseconds(300) };

        var report = await LoadGenerator.RunAsync(options, _clock);

        long Count(int kind) => kinds.Values.Count(k => k == kind);
        Assert.Equal(kinds.Count, report.Sent);
        Assert.Equal(Count(0), report.Ok);
        Assert.Equal(Count(1), report.ResultCodes.GetValueOrDefault("000001"));
        Assert.Equal(Count(2), report.HttpErrors.GetValueOrDefault(500));
        Assert.Equal(Count(3), report.BadReplies);
        Assert.Equal(Count(4), report.Timeouts);
        Assert.True(Count(4) > 0);
        Assert.Equal(report.Sent, report.ResultCodes.Values.Sum() + report.HttpErrors.Values.Sum() + report.BadReplies + report.Timeouts + report.TransportErrors);
        Assert.Equal(report.Sent - report.Ok, report.Failed);
        Assert.True(report.HasFailures);
        Assert.True(report.MaxMs >= 300, "a timed-out call's latency is its timeout");
    }

    [Fact]
    public async Task An_unreachable_address_counts_transport_errors()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        var options = Options(LoadActivity.New) with
        {
            ProductionUrl = new Uri($"http://127.0.0.1:{port}/produce"),
            Connections = 2,
            Duration = TimeSpan.FromMilliseconds(300),
        };

        var report = await LoadGenerator.RunAsync(options, _clock);

        Assert.True(report.Sent > 0);
        Assert.Equal(report.Sent, report.TransportErrors);
        Assert.Equal(0, report.Ok);
    }

    [Fact]
    public async Task An_open_loop_run_sends_exactly_the_calls_that_fall_due()
    {
        var options = Options(LoadActivity.New) with { Connections = 16, Rate = 200, Duration = TimeSpan.FromSeconds(1) };

        var report = await LoadGenerator.RunAsync(options, _clock);

        Assert.Equal(200, report.Sent);
        Assert.Equal(200, _stub.Calls.Count);
        Assert.Equal(200, report.Ok);
        Assert.Equal(200.0, report.TargetRate);
    }

    [Theory]
    [InlineData("http://10.0.0.1/produce", false, "not a loopback address")]
    [InlineData("http://example.com/produce", false, "not a loopback address")]
    [InlineData("ftp://127.0.0.1/produce", false, "http(s)")]
    public void Options_refuse_a_remote_or_non_http_target(string url, bool allowRemote, string error)
    {
        var options = new LoadOptions { ProductionUrl = new Uri(url), Key = Key, AllowRemote = allowRemote };
        Assert.Contains(error, Assert.Throws<ArgumentException>(options.Validate).Message);
    }

    [Fact]
    public void Options_bound_the_run()
    {
        var options = new LoadOptions { ProductionUrl = new Uri("http://[::1]:5000/produce"), Key = Key };
        options.Validate();
        (options with { ProductionUrl = new Uri("http://10.0.0.1/produce"), AllowRemote = true }).Validate();
        Assert.Throws<ArgumentException>((options with { Duration = TimeSpan.FromSeconds(301) }).Validate);
        Assert.Throws<ArgumentException>((options with { Connections = 0 }).Validate);
        Assert.Throws<ArgumentException>((options with { Rate = 0 }).Validate);
        Assert.Throws<ArgumentException>((options with { Key = "" }).Validate);
        Assert.Throws<ArgumentException>((options with { Profile = LoadProfile.KitV2, Activity = LoadActivity.Query }).Validate);
    }

    private static string? QueryParam(StubCall call, string name) => call.QueryParameters.FirstOrDefault(p => p.Key == name).Value;

    private static void AssertDistinct(IEnumerable<string?> values)
    {
        var list = values.ToList();
        Assert.All(list, v => Assert.False(string.IsNullOrEmpty(v)));
        Assert.Equal(list.Count, list.Distinct(StringComparer.Ordinal).Count());
    }
}

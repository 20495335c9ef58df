using System.Net;
using System.Text.Json;
using KooGate.Server.Data;
using KooGate.Server.Tests.Infrastructure;
using KooGate.Testing.Server;
using Microsoft.EntityFrameworkCore;

namespace KooGate.Server.Tests.Usage;

/// <summary>Pay-per-use: the app reports usage, KooGate closes hourly windows into SDRs and pushes them signed.</summary>
public sealed class UsagePushTests : IAsyncLifetime
{
    private const string Instance = "biz-usage";
    private StubMarketplace _stub = null!;
    private KooGateHost _host = null!;
    private AdminClient _admin = null!;
    private MarketplaceClient _marketplace = null!;
    private DateTimeOffset _hour;

    public async Task InitializeAsync()
    {
        KooGateHost? host = null;
        _stub = await StubMarketplace.StartAsync(() => host!.Clock.GetUtcNow());
        host = _host = new KooGateHost(settings: _stub.ServerSettings(
            ("KooGate:Usage:CloseDelaySeconds", "300"),
            ("KooGate:Usage:PollIntervalMilliseconds", "100"),
            ("KooGate:Usage:FirstRetrySeconds", "1")));
        _admin = new AdminClient(_host);
        _marketplace = new MarketplaceClient(_host);

        // Start ten minutes into a whole hour, so the test controls which window every report falls in.
        var now = _host.Clock.GetUtcNow();
        _hour = new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, 0, 0, TimeSpan.Zero).AddHours(1);
        _host.Clock.SetUtcNow(_hour);
        await CreateOnDemandAsync(Instance);
        _host.Clock.SetUtcNow(_hour.AddMinutes(10));
    }

    private async Task CreateOnDemandAsync(string instanceId)
    {
        var reply = await _marketplace.PostAsync(new { activity = "newInstance", businessId = instanceId, orderId = "ORDER-" + instanceId, orderLineId = "LINE-" + instanceId });
        Assert.Equal("000000", reply.ResultCode);
        await using var db = _host.OpenDb();
        (await db.Instances.SingleAsync(i => i.InstanceId == instanceId)).ChargingMode = "ON_DEMAND";
        await db.SaveChangesAsync();
    }

    public async Task DisposeAsync()
    {
        _host.Dispose();
        await _stub.DisposeAsync();
    }

    private static object Record(string id, DateTimeOffset at, decimal value, string instanceId = Instance) =>
        new { recordId = id, instanceId, usageTime = at, value };

    private async Task<JsonElement> ReportAsync(params object[] records)
    {
        var (status, body) = await _admin.PostAsync("/admin/api/usage", new { records });
        Assert.Equal(HttpStatusCode.OK, status);
        return body;
    }

    private async Task<decimal> QueriedUsageAsync()
    {
        var reply = await _marketplace.PostAsync(new { activity = "queryInstance", instanceId = Instance });
        Assert.Equal("000000", reply.ResultCode);
        return reply.Json.GetProperty("info")[0].GetProperty("usageInfo")[0].GetProperty("usageValue").GetDecimal();
    }

    private async Task<List<UsagePeriod>> WaitForPeriodsAsync(Func<List<UsagePeriod>, bool> condition, string what)
    {
        List<UsagePeriod> periods = [];
        try
        {
            await Eventually.UntilAsync(
            async () =>
            {
                await using var db = _host.OpenDb();
                periods = await db.UsagePeriods.AsNoTracking().OrderBy(p => p.Id).ToListAsync();
                return condition(periods);
            },
            what,
            // Small steps: the HTTP layer's timeouts run on the same fake clock.
            () => _host.Clock.Advance(TimeSpan.FromMilliseconds(200)));
        }
        catch (Xunit.Sdk.FailException)
        {
            Assert.Fail($"{what}; periods: {string.Join("; ", periods.Select(p => $"{p.InstanceId} {p.BeginTime:HH:mm:ss}-{p.EndTime:HH:mm} {p.Value} {p.Status} {p.LastError}"))}");
        }

        return periods;
    }

    private static string MeteringSn(string body) =>
        JsonDocument.Parse(body).RootElement.GetProperty("usage_records")[0].GetProperty("metering_sn").GetString()!;

    [Fact]
    public async Task Reports_are_idempotent_by_record_id_and_validated()
    {
        var body = await ReportAsync(
            Record("r1", _hour.AddMinutes(1), 1.5m),
            Record("r1", _hour.AddMinutes(1), 1.5m),
            Record("r1", _hour.AddMinutes(1), 9m),
            Record("r2", _hour.AddMinutes(2), 0m),
            Record("r3", _hour.AddMinutes(2), 1.23456m),
            Record("r4", _hour.AddMinutes(2), 1m, instanceId: "nope"),
            Record("r5", _hour.AddHours(2), 1m));
        var statuses = body.GetProperty("results").EnumerateArray().Select(r => r.GetProperty("status").GetString()).ToList();
        Assert.Equal(["accepted", "duplicate", "conflict", "invalid", "invalid", "invalid", "invalid"], statuses);
        Assert.Equal(1, body.GetProperty("accepted").GetInt32());

        var again = await ReportAsync(Record("r1", _hour.AddMinutes(1), 1.5m));
        Assert.Equal("duplicate", again.GetProperty("results")[0].GetProperty("status").GetString());
        Assert.Equal(1.5m, await QueriedUsageAsync());
    }

    [Fact]
    public async Task A_closed_window_is_pushed_once_as_one_signed_sdr_and_late_reports_go_to_the_next()
    {
        await ReportAsync(Record("a", _hour.AddMinutes(1), 1.5m), Record("b", _hour.AddMinutes(9), 2.25m));
        Assert.Equal(3.75m, await QueriedUsageAsync());

        _host.Clock.SetUtcNow(_hour.AddHours(1).AddMinutes(5));
        var periods = await WaitForPeriodsAsync(p => p.Count == 1 && p[0].Status == UsagePeriodStatus.Pushed, "first window pushed");
        Assert.Equal((3.75m, 2, _hour, _hour.AddHours(1)), (periods[0].Value, periods[0].EntryCount, periods[0].BeginTime, periods[0].EndTime));

        // At least once: a push whose answer was lost may go out again with the same metering_sn (deduplicated upstream).
        var (pushed, verified) = Assert.Single(_stub.UsagePushes.DistinctBy(p => p.Body));
        Assert.True(verified, pushed);
        var sdr = JsonDocument.Parse(pushed).RootElement.GetProperty("usage_records")[0];
        Assert.Equal(Instance, sdr.GetProperty("instance_id").GetString());
        Assert.Equal("3.75", sdr.GetProperty("usage_value").GetString());
        Assert.Equal(Protocol.KooTime.ToSdkDate(_hour), sdr.GetProperty("begin_time").GetString());
        Assert.Equal(periods[0].MeteringSn, sdr.GetProperty("metering_sn").GetString());

        // Reported after its window closed: billed in the next window instead of lost.
        await ReportAsync(Record("late", _hour.AddMinutes(30), 0.5m));
        Assert.Equal(4.25m, await QueriedUsageAsync());
        _host.Clock.SetUtcNow(_hour.AddHours(2).AddMinutes(6));
        periods = await WaitForPeriodsAsync(p => p.Count == 2 && p[1].Status == UsagePeriodStatus.Pushed, "second window pushed");
        Assert.Equal((0.5m, _hour.AddHours(1)), (periods[1].Value, periods[1].BeginTime));
        Assert.Equal(2, _stub.UsagePushes.Select(p => MeteringSn(p.Body)).Distinct().Count());
        Assert.Equal(4.25m, await QueriedUsageAsync());
    }

    [Fact]
    public async Task A_rejected_push_is_marked_failed_and_a_transient_one_is_retried()
    {
        _stub.UsageReply = _ => (500, """{"error_code":"MKT.9001","error_msg":"Instance id not found"}""");
        await ReportAsync(Record("a", _hour.AddMinutes(1), 1m));
        _host.Clock.SetUtcNow(_hour.AddHours(1).AddMinutes(5));
        var failed = await WaitForPeriodsAsync(p => p.Count == 1 && p[0].Status == UsagePeriodStatus.Failed, "rejected push failed");
        Assert.Contains("MKT.9001", failed[0].LastError, StringComparison.Ordinal);

        var calls = 0;
        _stub.UsageReply = _ => Interlocked.Increment(ref calls) == 1
            ? (500, """{"error_code":"MKT.0999","error_msg":"internal error"}""")
            : (200, """{"error_code":"MKT.0000","error_msg":"success"}""");
        await ReportAsync(Record("b", _hour.AddMinutes(70), 1m));
        _host.Clock.SetUtcNow(_hour.AddHours(2).AddMinutes(5));
        var periods = await WaitForPeriodsAsync(p => p.Count == 2 && p[1].Status == UsagePeriodStatus.Pushed, "transient failure retried");
        Assert.Equal(2, periods[1].Attempts);
        Assert.Equal(3, _stub.UsagePushes.Count); // business errors at HTTP 500 are not hammered by HTTP-level retries
    }

    [Fact]
    public async Task One_refused_sdr_never_fails_the_others_and_is_redriven_once_fixed()
    {
        await CreateOnDemandAsync("biz-good-2");
        await CreateOnDemandAsync("biz-bad");
        _stub.UsageReply = body => body.Contains("biz-bad", StringComparison.Ordinal)
            ? (500, """{"error_code":"MKT.9001","error_msg":"Instance id not found"}""")
            : (200, """{"error_code":"MKT.0000","error_msg":"success"}""");
        _host.Clock.SetUtcNow(_hour.AddMinutes(25));
        await ReportAsync(
            Record("g1", _hour.AddMinutes(20), 1m),
            Record("g2", _hour.AddMinutes(20), 2m, instanceId: "biz-good-2"),
            Record("b1", _hour.AddMinutes(20), 3m, instanceId: "biz-bad"));

        _host.Clock.SetUtcNow(_hour.AddHours(1).AddMinutes(5));
        var periods = await WaitForPeriodsAsync(p => p.Count == 3 && p.All(x => x.Status != UsagePeriodStatus.Pending), "all three pushed or refused");
        Assert.Equal(
            [(Instance, UsagePeriodStatus.Pushed), ("biz-good-2", UsagePeriodStatus.Pushed), ("biz-bad", UsagePeriodStatus.Failed)],
            periods.OrderBy(p => p.InstanceId == "biz-bad").ThenBy(p => p.InstanceId == "biz-good-2").Select(p => (p.InstanceId, p.Status)));

        var (status, failed) = await _admin.GetAsync("/admin/api/usage?state=failed");
        Assert.Equal(HttpStatusCode.OK, status);
        var listed = Assert.Single(failed.EnumerateArray());
        Assert.Equal(("b1", "failed"), (listed.GetProperty("recordId").GetString(), listed.GetProperty("state").GetString()));
        Assert.Contains("MKT.9001", listed.GetProperty("lastError").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, (await _admin.GetAsync("/admin/api/usage?state=lost")).Status);

        _stub.UsageReply = _ => (200, """{"error_code":"MKT.0000","error_msg":"success"}""");
        var (redriveStatus, redrive) = await _admin.PostAsync("/admin/api/usage/redrive", new { ids = new[] { "b1", "g1", "nope" } });
        Assert.Equal(HttpStatusCode.OK, redriveStatus);
        Assert.Equal((1, 1), (redrive.GetProperty("redrivenPeriods").GetInt32(), redrive.GetProperty("redrivenRecords").GetInt32()));
        Assert.Equal(["nope"], redrive.GetProperty("unknownIds").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(["g1"], redrive.GetProperty("notFailedIds").EnumerateArray().Select(e => e.GetString()));
        await WaitForPeriodsAsync(p => p.All(x => x.Status == UsagePeriodStatus.Pushed), "the redriven SDR pushed");

        using var empty = new HttpRequestMessage(HttpMethod.Post, "/admin/api/usage/redrive");
        empty.Headers.Add("X-Api-Key", TestKeys.AdminApiKey);
        var none = await _host.Http.SendAsync(empty);
        Assert.Equal(HttpStatusCode.OK, none.StatusCode);
        Assert.Equal(0, JsonDocument.Parse(await none.Content.ReadAsStringAsync()).RootElement.GetProperty("redrivenPeriods").GetInt32());
    }

    [Fact]
    public async Task A_backlog_is_pushed_as_hourly_windows_and_none_begins_before_the_instance()
    {
        _host.Clock.SetUtcNow(_hour.AddMinutes(10).AddMilliseconds(250));
        await CreateOnDemandAsync("biz-backlog");

        // The app reports hours late (or KooGate was down): the backlog still goes out hour by hour.
        _host.Clock.SetUtcNow(_hour.AddHours(2).AddMinutes(30));
        await ReportAsync(
            Record("k0", _hour.AddMinutes(5), 1m, instanceId: "biz-backlog"),
            Record("k1", _hour.AddMinutes(20), 1m, instanceId: "biz-backlog"),
            Record("k2", _hour.AddHours(1).AddMinutes(5), 2m, instanceId: "biz-backlog"),
            Record("k3", _hour.AddHours(2).AddMinutes(5), 4m, instanceId: "biz-backlog"));

        _host.Clock.SetUtcNow(_hour.AddHours(3).AddMinutes(6));
        var periods = (await WaitForPeriodsAsync(p => p.Count(x => x.InstanceId == "biz-backlog" && x.Status == UsagePeriodStatus.Pushed) == 3, "three hourly SDRs pushed"))
            .Where(p => p.InstanceId == "biz-backlog").ToList();
        Assert.Equal(
            [(_hour.AddMinutes(10).AddSeconds(1), _hour.AddHours(1), 2m), (_hour.AddHours(1), _hour.AddHours(2), 2m), (_hour.AddHours(2), _hour.AddHours(3), 4m)],
            periods.Select(p => (p.BeginTime, p.EndTime, p.Value)));
        var first = _stub.UsagePushes.Select(p => JsonDocument.Parse(p.Body).RootElement.GetProperty("usage_records")[0])
            .First(r => r.GetProperty("metering_sn").GetString() == periods[0].MeteringSn);
        Assert.Equal(Protocol.KooTime.ToSdkDate(_hour.AddMinutes(10).AddSeconds(1)), first.GetProperty("begin_time").GetString());
    }
}

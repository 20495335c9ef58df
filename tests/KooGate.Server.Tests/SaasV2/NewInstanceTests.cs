using KooGate.Server.Data;
using KooGate.Server.Tests.Infrastructure;
using KooGate.Testing.Databases;
using KooGate.Testing.Server;
using Microsoft.EntityFrameworkCore;

namespace KooGate.Server.Tests.SaasV2;

public abstract class NewInstanceTests : IDisposable
{
    private readonly KooGateHost _host;
    private readonly DatabaseKind _database;
    private readonly MarketplaceClient _marketplace;

    protected NewInstanceTests(DatabaseKind database)
    {
        _database = database;
        _host = new KooGateHost(database);
        _marketplace = new MarketplaceClient(_host);
    }

    public void Dispose() => _host.Dispose();

    private static object Create(string businessId, string orderId = "CS2211181819B4LVS", string? testFlag = null) => testFlag is null
        ? new { activity = "newInstance", businessId, orderId, orderLineId = orderId + "-000001" }
        : new { activity = "newInstance", businessId, orderId, orderLineId = orderId + "-000001", testFlag };

    [Fact]
    public async Task Create_answers_000000_with_the_first_business_id_and_retries_return_it()
    {
        var first = await _marketplace.PostAsync(Create("biz-1"));
        Assert.Equal(System.Net.HttpStatusCode.OK, first.Http.StatusCode);
        Assert.Equal("application/json", first.Http.Content.Headers.ContentType!.MediaType);
        Assert.True(first.ResultCode == "000000", first.Body);
        Assert.Equal("biz-1", first.Get("instanceId"));

        var retry = await _marketplace.PostAsync(Create("biz-2"));
        Assert.Equal("000000", retry.ResultCode);
        Assert.Equal("biz-1", retry.Get("instanceId"));

        using var db = _host.OpenDb();
        Assert.Equal(1, await db.Instances.CountAsync());
        Assert.Equal(InstanceState.Active, (await db.Instances.SingleAsync()).State);
        Assert.Contains(await db.InstanceEvents.Select(e => e.Type).ToListAsync(), t => t == "provisioned");
    }

    [Fact]
    public async Task A_business_id_that_is_another_order_lines_instance_answers_000002_and_stores_nothing()
    {
        Assert.Equal("000000", (await _marketplace.PostAsync(Create("biz-taken", "CSFIRSTORDER"))).ResultCode);

        var second = await _marketplace.PostAsync(Create("biz-taken", "CSSECONDORDER"));
        Assert.Equal("000002", second.ResultCode);
        Assert.Equal("businessId is already the instance of another order", second.ResultMsg);
        Assert.Null(second.Get("instanceId"));

        using var db = _host.OpenDb();
        Assert.Equal("CSFIRSTORDER", (await db.Instances.SingleAsync()).OrderId);
        Assert.Equal(0, await db.Orders.CountAsync(o => o.OrderId == "CSSECONDORDER"));
        Assert.Equal(["created", "provisioned"], await db.InstanceEvents.OrderBy(e => e.Id).Select(e => e.Type).ToListAsync());
    }

    [Fact]
    public async Task Query_reports_app_info_of_a_created_instance()
    {
        await _marketplace.PostAsync(Create("biz-q"));
        var query = await _marketplace.PostAsync(new { activity = "queryInstance", instanceId = "biz-q" });
        Assert.Equal("000000", query.ResultCode);
        var info = query.Json.GetProperty("info")[0];
        Assert.Equal("biz-q", info.GetProperty("instanceId").GetString());
        Assert.StartsWith("https://", info.GetProperty("appInfo").GetProperty("frontEndUrl").GetString(), StringComparison.Ordinal);
        Assert.Equal("000003", (await _marketplace.PostAsync(new { activity = "queryInstance", instanceId = "nope" })).ResultCode);
    }

    [Theory]
    [InlineData("""{"activity":"newInstance","businessId":"b","orderId":"o"}""", "orderLineId")]
    [InlineData("""{"activity":"newInstance","businessId":"b","orderLineId":"l"}""", "orderId")]
    public async Task Missing_field_answers_000002_naming_it(string body, string field)
    {
        var reply = await _marketplace.PostAsync(body);
        Assert.Equal("000002", reply.ResultCode);
        Assert.Contains(field, reply.ResultMsg, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bad_signature_wrong_key_stale_timestamp_and_replayed_nonce_are_rejected()
    {
        Assert.Equal("000001", (await _marketplace.PostAsync(System.Text.Json.JsonSerializer.Serialize(Create("b1")), tamperSignature: s => s[..^1] + (s[^1] == 'A' ? "B" : "A"))).ResultCode);
        Assert.Equal("000001", (await _marketplace.PostAsync(System.Text.Json.JsonSerializer.Serialize(Create("b2")), key: "wrong")).ResultCode);
        Assert.Equal("000002", (await _marketplace.PostAsync(System.Text.Json.JsonSerializer.Serialize(Create("b3")), at: _host.Clock.GetUtcNow().AddMinutes(-2))).ResultCode);
        Assert.Equal("000000", (await _marketplace.PostAsync(System.Text.Json.JsonSerializer.Serialize(Create("b4")), nonce: "nonce-1")).ResultCode);
        Assert.Equal("000002", (await _marketplace.PostAsync(System.Text.Json.JsonSerializer.Serialize(Create("b5")), nonce: "nonce-1")).ResultCode);
    }

    [Fact]
    public async Task Previous_key_is_accepted_during_rotation_and_signs_the_response()
    {
        var reply = await _marketplace.PostAsync(System.Text.Json.JsonSerializer.Serialize(Create("rot")), key: TestKeys.PreviousBasic);
        Assert.Equal("000000", reply.ResultCode);
        var header = reply.Http.Headers.GetValues(Protocol.Signing.BodySign.HeaderName).Single();
        Assert.True(Protocol.Signing.BodySign.Verify(TestKeys.PreviousBasic, header, System.Text.Encoding.UTF8.GetBytes(reply.Body)));
    }

    [Fact]
    public async Task Test_flag_calls_are_answered_but_kept_apart_from_real_data()
    {
        var probe = await _marketplace.PostAsync(Create("probe-1", "MOCKPERIODYEARNEW", "1"));
        Assert.Equal("000000", probe.ResultCode);
        Assert.Equal("probe-1", (await _marketplace.PostAsync(Create("probe-2", "MOCKPERIODYEARNEW", "1"))).Get("instanceId"));
        var real = await _marketplace.PostAsync(Create("real-1", "MOCKPERIODYEARNEW"));
        Assert.Equal("real-1", real.Get("instanceId"));
        using var db = _host.OpenDb();
        Assert.Equal(0, await db.Orders.CountAsync(o => o.InstanceId == "probe-1"));
        Assert.True((await db.Instances.SingleAsync(i => i.InstanceId == "probe-1")).IsTest);
    }

    [Fact]
    public async Task Every_call_is_logged_with_its_verdict_and_secrets_redacted()
    {
        await _marketplace.PostAsync(Create("log-1"));
        await _marketplace.PostAsync(new { activity = "queryInstance", instanceId = "log-1" });
        using var db = _host.OpenDb();
        // Each entry is committed just after its answer is sent.
        await Eventually.UntilAsync(async () => await db.CallbackLogs.CountAsync() == 2, "both callback-log entries");
        var logs = await db.CallbackLogs.OrderBy(l => l.Id).ToListAsync();
        Assert.Equal(["newInstance", "queryInstance"], logs.Select(l => l.Activity));
        Assert.All(logs, l => Assert.Equal("000000", l.ResultCode));
        Assert.DoesNotContain("signature=", logs[0].Query!.Replace("signature=***", "", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Contains("\"password\":\"***\"", logs[1].ResponseBody, StringComparison.Ordinal);
    }
}

public sealed class NewInstanceOnSqlite() : NewInstanceTests(DatabaseKind.Sqlite);

public sealed class NewInstanceOnPostgres() : NewInstanceTests(DatabaseKind.Postgres);

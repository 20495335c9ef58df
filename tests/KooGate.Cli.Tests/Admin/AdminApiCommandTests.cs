using System.Text.Json;
using KooGate.Server.Data;
using KooGate.Testing.Server;

namespace KooGate.Cli.Tests.Admin;

/// <summary>Each <c>koogate admin …</c> API command against a real KooGate server over loopback.</summary>
public sealed class AdminApiCommandTests : IDisposable
{
    private static readonly DateTimeOffset At = new(2026, 3, 1, 8, 0, 0, TimeSpan.Zero);

    private readonly KooGateHost _server = new(new KooGateHostOptions { Clock = TimeProvider.System });

    public void Dispose() => _server.Dispose();

    private Task<CliResult> RunAsync(params string[] args) =>
        CliRunner.InProcessAsync(new Dictionary<string, string> { ["KOOGATE_ADMIN_API_KEY"] = TestKeys.AdminApiKey }, [.. args, "--url", _server.BaseAddress.ToString()]);

    private async Task SeedInstancesAsync(int count)
    {
        using var db = _server.OpenDb();
        for (var n = 0; n < count; n++)
        {
            db.Instances.Add(new InstanceRecord
            {
                InstanceId = $"inst-{n}",
                OrderId = $"ORDER-{n}",
                OrderLineId = "line-1",
                State = InstanceState.Provisioning,
                ProductId = "product-1",
                CreatedAt = At.AddMinutes(n),
                UpdatedAt = At.AddMinutes(n),
            });
        }

        await db.SaveChangesAsync();
    }

    [Fact]
    public async Task Instances_list_prints_a_table_with_the_total_or_json()
    {
        await SeedInstancesAsync(3);
        var table = await RunAsync("admin", "instances", "list", "--take", "2");
        Assert.Equal(0, table.ExitCode);
        Assert.Contains("inst-2", table.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("inst-0", table.Out, StringComparison.Ordinal);
        Assert.Contains("1–2 of 3 (next: --skip 2)", table.Out, StringComparison.Ordinal);

        var json = await RunAsync("admin", "instances", "list", "--search", "inst-1", "--json");
        Assert.Equal(0, json.ExitCode);
        var page = JsonDocument.Parse(json.Out).RootElement;
        Assert.Equal(1, page.GetProperty("total").GetInt32());
        Assert.Equal("ORDER-1", page.GetProperty("items")[0].GetProperty("orderId").GetString());
    }

    [Fact]
    public async Task Instances_complete_fail_and_show_change_and_read_the_server()
    {
        await SeedInstancesAsync(2);
        var complete = await RunAsync("admin", "instances", "complete", "inst-0", "--front-end-url", "https://app.example.com/0", "--user-name", "owner");
        Assert.True(complete.ExitCode == 0, complete.Error);
        Assert.Contains("Active", complete.Out, StringComparison.Ordinal);

        var fail = await RunAsync("admin", "instances", "fail", "inst-1", "--code", "000005", "--message", "no capacity");
        Assert.Equal(0, fail.ExitCode);
        using (var db = _server.OpenDb())
        {
            var failed = db.Instances.Single(i => i.InstanceId == "inst-1");
            Assert.Equal((InstanceState.Failed, "000005"), (failed.State, failed.FailureCode));
        }

        var show = await RunAsync("admin", "instances", "show", "inst-0", "--json");
        Assert.Equal("https://app.example.com/0", JsonDocument.Parse(show.Out).RootElement.GetProperty("instance").GetProperty("frontEndUrl").GetString());

        var again = await RunAsync("admin", "instances", "fail", "inst-0");
        Assert.Equal(1, again.ExitCode);
        Assert.Contains("409", again.Error, StringComparison.Ordinal);
        var missing = await RunAsync("admin", "instances", "show", "nobody");
        Assert.Equal(1, missing.ExitCode);
        Assert.Contains("404 unknown instance", missing.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Outbox_redeliver_all_dead_requeues_every_dead_delivery()
    {
        using (var db = _server.OpenDb())
        {
            for (var n = 0; n < 3; n++)
            {
                db.Outbox.Add(new OutboxMessage
                {
                    Id = Guid.NewGuid(),
                    Type = "instance.created",
                    Payload = "{}",
                    InstanceId = "inst-0",
                    CreatedAt = At,
                    Status = n < 2 ? OutboxStatus.Dead : OutboxStatus.Delivered,
                    Attempts = 8,
                    NextAttemptAt = At.AddYears(10),
                });
            }

            await db.SaveChangesAsync();
        }

        var list = await RunAsync("admin", "outbox", "list", "--status", "Dead");
        Assert.Contains("1–2 of 2", list.Out, StringComparison.Ordinal);
        var redeliver = await RunAsync("admin", "outbox", "redeliver", "--all-dead");
        Assert.True(redeliver.ExitCode == 0, redeliver.Error);
        using var check = _server.OpenDb();
        Assert.Equal(0, check.Outbox.Count(m => m.Status == OutboxStatus.Dead));
        Assert.Equal(2, check.Outbox.Count(m => m.Status != OutboxStatus.Delivered || m.Attempts == 0));
    }

    [Fact]
    public async Task Outbox_show_prints_the_delivery_with_every_attempt()
    {
        var id = Guid.NewGuid();
        using (var db = _server.OpenDb())
        {
            db.Outbox.Add(new OutboxMessage
            {
                Id = id,
                Type = "instance.created",
                Payload = """{"marker":"payload-1"}""",
                CreatedAt = At,
                Status = OutboxStatus.Pending,
                Attempts = 2,
                NextAttemptAt = At.AddMinutes(5),
            });
            db.OutboxAttempts.AddRange(
                new OutboxAttempt { MessageId = id, Attempt = 1, StartedAt = At, DurationMilliseconds = 10_000, Error = "timed out after 10 s", Outcome = OutboxAttemptOutcome.Retrying },
                new OutboxAttempt { MessageId = id, Attempt = 2, StartedAt = At.AddSeconds(15), DurationMilliseconds = 31, StatusCode = 502, Error = "HTTP 502 Bad Gateway", Outcome = OutboxAttemptOutcome.Retrying });
            await db.SaveChangesAsync();
        }

        var show = await RunAsync("admin", "outbox", "show", id.ToString());
        Assert.True(show.ExitCode == 0, show.Error);
        var lines = show.Out.Split('\n');
        var second = Array.FindIndex(lines, l => l.Contains("HTTP 502 Bad Gateway", StringComparison.Ordinal) && l.Contains("31 ms", StringComparison.Ordinal));
        var first = Array.FindIndex(lines, l => l.Contains("no answer", StringComparison.Ordinal) && l.Contains("timed out after 10 s", StringComparison.Ordinal));
        Assert.True(second > 0 && first > second, show.Out);
        Assert.Contains("payload-1", show.Out, StringComparison.Ordinal);

        var json = JsonDocument.Parse((await RunAsync("admin", "outbox", "show", id.ToString(), "--json")).Out).RootElement;
        Assert.Equal([502, 0], json.GetProperty("history").EnumerateArray().Select(a => a.GetProperty("statusCode").ValueKind == JsonValueKind.Null ? 0 : a.GetProperty("statusCode").GetInt32()));
    }

    [Fact]
    public async Task Tenants_list_and_show_print_the_department_tree()
    {
        using (var db = _server.OpenDb())
        {
            db.KitTenants.Add(new KitTenant { InstanceId = "inst-0", TenantId = "tenant-1", Name = "Acme", UpdatedAt = At });
            db.KitOrgs.AddRange(
                new KitOrg { InstanceId = "inst-0", TenantId = "tenant-1", OrgCode = "1", OrgName = "Head office", UpdatedAt = At },
                new KitOrg { InstanceId = "inst-0", TenantId = "tenant-1", OrgCode = "2", OrgName = "Engineering", ParentCode = "1", UpdatedAt = At });
            await db.SaveChangesAsync();
        }

        var list = await RunAsync("admin", "tenants", "list", "--search", "Acme");
        Assert.Contains("tenant-1", list.Out, StringComparison.Ordinal);
        var show = await RunAsync("admin", "tenants", "show", "inst-0", "tenant-1");
        Assert.Equal(0, show.ExitCode);
        var lines = show.Out.Split('\n');
        var head = Array.FindIndex(lines, l => l.Contains("Head office (1)", StringComparison.Ordinal));
        Assert.True(head >= 0, show.Out);
        Assert.Contains("Engineering (2)", lines[head + 1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Usage_and_callbacks_list_answer_even_when_empty()
    {
        Assert.Contains("Nothing found.", (await RunAsync("admin", "usage", "list")).Out, StringComparison.Ordinal);
        var callbacks = await RunAsync("admin", "callbacks", "list", "--failed", "--hide-checks", "--json");
        Assert.Equal(0, JsonDocument.Parse(callbacks.Out).RootElement.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task Without_the_key_or_with_a_wrong_one_nothing_is_called()
    {
        var missing = await CliRunner.InProcessAsync(new Dictionary<string, string>(), "admin", "instances", "list", "--url", _server.BaseAddress.ToString());
        Assert.Equal(2, missing.ExitCode);
        Assert.Contains("KOOGATE_ADMIN_API_KEY", missing.Error, StringComparison.Ordinal);

        var wrong = await CliRunner.InProcessAsync(new Dictionary<string, string> { ["KOOGATE_ADMIN_API_KEY"] = "wrong" }, "admin", "instances", "list", "--url", _server.BaseAddress.ToString());
        Assert.Equal(1, wrong.ExitCode);
        Assert.Contains("401", wrong.Error, StringComparison.Ordinal);
    }
}

using System.Net;
using KooGate.Client.Admin;
using KooGate.Server.Data;
using KooGate.Testing.Server;

namespace KooGate.Client.Tests.Admin;

/// <summary>The typed admin client against a real KooGate server over loopback.</summary>
public sealed class KooGateAdminClientTests : IDisposable
{
    private readonly KooGateHost _server = new(new KooGateHostOptions { Clock = TimeProvider.System });
    private readonly KooGateAdminClient _client;

    public KooGateAdminClientTests() => _client = new KooGateAdminClient(_server.BaseAddress, TestKeys.AdminApiKey);

    public void Dispose()
    {
        _client.Dispose();
        _server.Dispose();
    }

    [Fact]
    public async Task Lists_instances_a_page_at_a_time_with_the_total()
    {
        await AdminSeed.InstancesAsync(_server, 5);
        var page = await _client.ListInstancesAsync(new InstanceQuery(State: "Provisioning", Skip: 1, Take: 2));
        Assert.Equal(5, page.Total);
        Assert.Equal((1, 2), (page.Skip, page.Take));
        Assert.Equal(["inst-003", "inst-002"], page.Items.Select(i => i.InstanceId));

        var search = await _client.ListInstancesAsync(new InstanceQuery(Search: "004"));
        Assert.Equal("inst-004", Assert.Single(search.Items).InstanceId);
    }

    [Fact]
    public async Task Shows_completes_and_fails_instances()
    {
        await AdminSeed.InstancesAsync(_server, 2);
        var done = await _client.CompleteInstanceAsync("inst-000", new CompleteProvisioning("https://app.example.com/a", UserName: "owner", Password: "secret-1"));
        Assert.Equal(("Active", "https://app.example.com/a"), (done.State, done.FrontEndUrl));
        var failed = await _client.FailInstanceAsync("inst-001", "000005", "no capacity");
        Assert.Equal(("Failed", "000005", "no capacity"), (failed.State, failed.FailureCode, failed.FailureMessage));

        var details = await _client.GetInstanceAsync("inst-000");
        Assert.Equal("Active", details.Instance.State);
        Assert.Contains(details.Events, e => e.ToState == "Active");
    }

    [Fact]
    public async Task Refusals_become_precise_exceptions()
    {
        await AdminSeed.InstancesAsync(_server, 1, InstanceState.Active);
        var missing = await Assert.ThrowsAsync<KooGateAdminNotFoundException>(() => _client.GetInstanceAsync("no-such-instance"));
        Assert.Equal("unknown instance", missing.Title);

        var conflict = await Assert.ThrowsAsync<KooGateAdminConflictException>(() => _client.FailInstanceAsync("inst-000", "000005", "too late"));
        Assert.Contains("Active", conflict.Detail, StringComparison.Ordinal);

        await AdminSeed.InstancesAsync(_server, 1, prefix: "prov");
        var invalid = await Assert.ThrowsAsync<KooGateAdminValidationException>(() => _client.CompleteInstanceAsync("prov-000", new CompleteProvisioning("not a url")));
        Assert.Contains("frontEndUrl", invalid.Errors.Keys);

        var badState = await Assert.ThrowsAsync<KooGateAdminValidationException>(() => _client.ListInstancesAsync(new InstanceQuery(State: "Sleeping")));
        Assert.Equal(HttpStatusCode.BadRequest, badState.StatusCode);

        using var stranger = new KooGateAdminClient(_server.BaseAddress, "wrong-key");
        var refused = await Assert.ThrowsAsync<KooGateAdminUnauthorizedException>(() => stranger.ListInstancesAsync());
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
    }

    [Fact]
    public async Task Lists_shows_and_redelivers_dead_deliveries()
    {
        var id = await AdminSeed.DeadDeliveryAsync(_server, "inst-000");
        var dead = await _client.ListOutboxAsync(new OutboxQuery(Status: "Dead"));
        Assert.Equal(1, dead.Total);
        Assert.Equal(id, dead.Items[0].Id);
        Assert.Null(dead.Items[0].History);
        var one = await _client.GetDeliveryAsync(id);
        Assert.Equal("HTTP 500", one.LastError);
        Assert.Equal(new AdminDeliveryAttempt(8, AdminSeed.At, 12.5, 500, "HTTP 500", "Dead"), Assert.Single(one.History!));

        var again = await _client.RedeliverAsync(id);
        Assert.NotEqual("Dead", again.Status);
        await Assert.ThrowsAsync<KooGateAdminNotFoundException>(() => _client.RedeliverAsync(Guid.NewGuid()));
    }

    [Fact]
    public async Task Reports_and_lists_usage()
    {
        using (var db = _server.OpenDb())
        {
            db.Instances.Add(new InstanceRecord { InstanceId = "metered-1", OrderId = "O-1", OrderLineId = "L-1", State = InstanceState.Active, CreatedAt = AdminSeed.At, UpdatedAt = AdminSeed.At });
            await db.SaveChangesAsync();
        }

        var now = DateTimeOffset.UtcNow.AddMinutes(-1);
        var reply = await _client.ReportUsageAsync([new UsageRecord("r-1", "metered-1", now, 2.5m), new UsageRecord("r-2", "nobody", now, 1m)]);
        Assert.Equal(1, reply.Accepted);
        Assert.Equal(["accepted", "invalid"], reply.Results.Select(r => r.Status));

        var entries = await _client.ListUsageAsync(new UsageQuery(InstanceId: "metered-1"));
        Assert.Equal(2.5m, Assert.Single(entries.Items).Value);
    }

    [Fact]
    public async Task Lists_and_shows_tenants_with_their_department_tree()
    {
        await AdminSeed.TenantAsync(_server);
        var tenants = await _client.ListTenantsAsync(new TenantQuery(Search: "Acm"));
        Assert.Equal("tenant-1", Assert.Single(tenants.Items).TenantId);

        var tenant = await _client.GetTenantAsync("inst-000", "tenant-1");
        Assert.True(Assert.Single(tenant.Applications).HasClientSecret);
        var root = Assert.Single(tenant.Orgs);
        Assert.Equal(("Root", "Child"), (root.OrgName, Assert.Single(root.Children).OrgName));
    }

    [Fact]
    public async Task Lists_the_callback_log()
    {
        var page = await _client.ListCallbacksAsync(new CallbackQuery(Failed: true, Take: 10));
        Assert.Equal(0, page.Total);
        Assert.Empty(page.Items);
    }
}

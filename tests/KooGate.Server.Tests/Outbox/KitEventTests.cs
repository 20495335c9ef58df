using KooGate.Protocol;
using KooGate.Server.Data;
using Microsoft.EntityFrameworkCore;

namespace KooGate.Server.Tests.Outbox;

/// <summary>Kit syncs reach the seller's app as events, once per real change: repeats announce nothing.</summary>
public sealed class KitEventTests : IAsyncLifetime
{
    private WebhookTestHost _t = null!;

    public async Task InitializeAsync() => _t = await WebhookTestHost.StartAsync();

    public async Task DisposeAsync() => await _t.DisposeAsync();

    private object Tenant(int flag, string name = "Acme") => new
    {
        instanceId = "inst-k",
        orderId = "CS-K",
        tenantId = "tenant-k",
        tenantCode = "acme",
        name,
        domainName = "https://acme.example.com",
        flag,
        testFlag = 0,
        timeStamp = KooTime.ToChina17(_t.Host.Clock.GetUtcNow()),
    };

    private async Task<List<string>> EventsAsync()
    {
        await using var db = _t.Host.OpenDb();
        return (await db.Outbox.AsNoTracking().OrderBy(m => m.Sequence).ToListAsync()).Select(m => m.Type + " " + m.Payload).ToList();
    }

    [Fact]
    public async Task Tenant_add_rename_and_delete_are_announced_once_each()
    {
        foreach (var body in new[] { Tenant(1), Tenant(1), Tenant(2, "Acme Renamed"), Tenant(2, "Acme Renamed"), Tenant(0), Tenant(0) })
        {
            var reply = await _t.Marketplace.KitAsync("tenantSync", body);
            Assert.True(reply.ResultCode == "000000", reply.Body);
        }

        var events = await EventsAsync();
        Assert.Equal(3, events.Count);
        Assert.Contains("\"flag\":\"add\"", events[0], StringComparison.Ordinal);
        Assert.Contains("\"name\":\"Acme Renamed\"", events[1], StringComparison.Ordinal);
        Assert.Contains("\"flag\":\"delete\"", events[2], StringComparison.Ordinal);

        var delivered = await _t.Receiver.NextAsync();
        Assert.Equal("kit.tenant.synced", delivered.Headers["KooGate-Event-Type"]);
        Assert.Equal("tenant-k", delivered.Json.GetProperty("data").GetProperty("tenantId").GetString());
    }

    [Fact]
    public async Task User_sync_events_carry_the_users_in_camel_case()
    {
        var users = new[] { new { userName = "zhangsan01", name = "Zhang San", orgCode = "org-1", role = "admin", enable = "true" } };
        var body = new { instanceId = "inst-k", tenantId = "tenant-k", appId = "app-1", userList = users, currentSyncTime = "20220413093539534", flag = 1, testFlag = 0, timeStamp = "20220413093539534" };
        Assert.Equal("000000", (await _t.Marketplace.KitAsync("authSync", body)).ResultCode);
        Assert.Equal("000000", (await _t.Marketplace.KitAsync("authSync", body)).ResultCode);

        var hook = await _t.Receiver.NextAsync();
        Assert.Equal("kit.users.synced", hook.Headers["KooGate-Event-Type"]);
        var user = hook.Json.GetProperty("data").GetProperty("users")[0];
        Assert.Equal(("zhangsan01", "admin", true), (user.GetProperty("userName").GetString(), user.GetProperty("role").GetString(), user.GetProperty("enabled").GetBoolean()));
        Assert.Single(await EventsAsync());
    }
}

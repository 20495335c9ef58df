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
    public async Task Kit_events_name_the_instances_product_and_SKU()
    {
        Assert.Equal("000004", (await _t.CreateAsync("CS-K", "inst-k")).ResultCode);
        await using (var db = _t.Host.OpenDb())
        {
            // As 查询订单 leaves the instance once it answered.
            await db.Instances.Where(i => i.InstanceId == "inst-k").ExecuteUpdateAsync(s => s.SetProperty(i => i.ProductId, "OFFI-K").SetProperty(i => i.SkuCode, "sku-team"));
        }

        Assert.Equal("000000", (await _t.Marketplace.KitAsync("tenantSync", Tenant(1))).ResultCode);
        var body = new { instanceId = "", tenantId = "tenant-c", appId = "app-c", flag = 1, testFlag = 0, timeStamp = KooTime.ToChina17(_t.Host.Clock.GetUtcNow()), orgCode = "D1", orgName = "Sales", parentCode = "" };
        Assert.Equal("000000", (await _t.Marketplace.KitAsync("singleOrgSync", body)).ResultCode);

        await using var check = _t.Host.OpenDb();
        var data = (await check.Outbox.AsNoTracking().Where(m => m.Type.StartsWith("kit.")).OrderBy(m => m.Sequence).Select(m => m.Payload).ToListAsync())
            .Select(p => System.Text.Json.JsonDocument.Parse(p).RootElement.GetProperty("data")).ToList();
        Assert.Equal(2, data.Count);
        Assert.Equal(("OFFI-K", "sku-team"), (data[0].GetProperty("productId").GetString(), data[0].GetProperty("skuCode").GetString()));
        // A credential application's sync belongs to no instance: no product.
        Assert.Equal(System.Text.Json.JsonValueKind.Null, data[1].GetProperty("productId").ValueKind);
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

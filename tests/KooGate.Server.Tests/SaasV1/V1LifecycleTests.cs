using KooGate.Protocol.Crypto;
using KooGate.Server.Data;
using KooGate.Server.Tests.Infrastructure;
using KooGate.Testing.Server;
using Microsoft.EntityFrameworkCore;

namespace KooGate.Server.Tests.SaasV1;

public sealed class V1LifecycleTests : IDisposable
{
    private readonly KooGateHost _host = new();
    private readonly V1MarketplaceClient _marketplace;

    public V1LifecycleTests() => _marketplace = new V1MarketplaceClient(_host);

    public void Dispose() => _host.Dispose();

    private async Task<string> CreateAsync(string businessId, string orderId, string chargingMode = "1")
    {
        var reply = await _marketplace.GetAsync(V1NewInstanceTests.Create(businessId, orderId, extra: ("chargingMode", chargingMode)));
        Assert.True(reply.ResultCode == "000000", reply.Body);
        return reply.Get("instanceId")!;
    }

    private async Task<InstanceRecord> InstanceAsync(string id)
    {
        using var db = _host.OpenDb();
        return await db.Instances.AsNoTracking().SingleAsync(i => i.InstanceId == id);
    }

    private async Task<int> EventsAsync(string id, string type)
    {
        using var db = _host.OpenDb();
        return await db.InstanceEvents.CountAsync(e => e.InstanceId == id && e.Type == type);
    }

    [Fact]
    public async Task Renewal_applies_once_per_order_probes_change_nothing_and_unknown_instances_answer_000003()
    {
        var id = await CreateAsync("inst-r", "ORDER-R");
        var renew = new { activity = "refreshInstance", instanceId = id, orderId = "RENEW-1", expireTime = "20310101000000", productId = "00301-666666-1--0", periodType = "year", periodNumber = "1", orderAmount = "10.5" };
        var first = await _marketplace.GetAsync(renew);
        var again = await _marketplace.GetAsync(renew);
        var probe = await _marketplace.GetAsync(new { activity = "refreshInstance", instanceId = id, orderId = "RENEW-2", expireTime = "20400101000000", testFlag = "1" });
        var unknown = await _marketplace.GetAsync(new { activity = "refreshInstance", instanceId = "nope", orderId = "RENEW-3", expireTime = "20310101000000" });

        Assert.Equal(["000000", "000000", "000000", "000003"], new[] { first, again, probe, unknown }.Select(r => r.ResultCode));
        V1MarketplaceClient.AssertBodySigned(unknown);
        var instance = await InstanceAsync(id);
        Assert.Equal(new DateTimeOffset(2031, 1, 1, 0, 0, 0, TimeSpan.Zero), instance.ExpireTime);
        Assert.Equal("00301-666666-1--0", instance.ProductId);
        Assert.Equal(1, await EventsAsync(id, "renewed"));
    }

    [Fact]
    public async Task Expiry_freezes_instance_status_toggles_release_is_final_and_everything_repeats_safely()
    {
        var id = await CreateAsync("inst-s", "ORDER-S", chargingMode: "0");
        async Task<string> Call(object parameters) => (await _marketplace.GetAsync(parameters)).ResultCode;

        Assert.Equal("000000", await Call(new { activity = "expireInstance", instanceId = id, orderId = "ORDER-S" }));
        Assert.Equal("000000", await Call(new { activity = "expireInstance", instanceId = id, orderId = "ORDER-S" }));
        Assert.Equal(InstanceState.Frozen, (await InstanceAsync(id)).State);
        Assert.Equal(1, await EventsAsync(id, "frozen"));

        Assert.Equal("000000", await Call(new { activity = "instanceStatus", instanceId = id, instanceStatus = "NORMAL" }));
        Assert.Equal(InstanceState.Active, (await InstanceAsync(id)).State);
        Assert.Equal("000000", await Call(new { activity = "instanceStatus", instanceId = id, instanceStatus = "FREEZE", testFlag = "1" }));
        Assert.Equal(InstanceState.Active, (await InstanceAsync(id)).State);
        Assert.Equal("000000", await Call(new { activity = "instanceStatus", instanceId = id, instanceStatus = "FREEZE" }));
        Assert.Equal(InstanceState.Frozen, (await InstanceAsync(id)).State);
        Assert.Equal("000002", await Call(new { activity = "instanceStatus", instanceId = id, instanceStatus = "PAUSED" }));
        Assert.Equal("000003", await Call(new { activity = "instanceStatus", instanceId = "nope", instanceStatus = "FREEZE" }));

        Assert.Equal("000000", await Call(new { activity = "releaseInstance", instanceId = id, orderId = "ORDER-S", orderAmount = "0" }));
        Assert.Equal("000000", await Call(new { activity = "releaseInstance", instanceId = id, orderId = "ORDER-S" }));
        Assert.Equal(InstanceState.Released, (await InstanceAsync(id)).State);
        Assert.Equal(1, await EventsAsync(id, "released"));
        Assert.Equal("000003", await Call(new { activity = "refreshInstance", instanceId = id, orderId = "RENEW-X", expireTime = "20310101000000" }));
        Assert.Equal("000003", await Call(new { activity = "releaseInstance", instanceId = "nope", orderId = "ORDER-S" }));
        Assert.Equal("000003", await Call(new { activity = "expireInstance", instanceId = "nope", orderId = "ORDER-S" }));
    }

    [Fact]
    public async Task Upgrade_changes_sku_and_linear_values_once_per_order()
    {
        var id = await CreateAsync("inst-u", "ORDER-U");
        var upgrade = new { activity = "upgrade", instanceId = id, orderId = "UPGRADE-1", skuCode = "sku-pro", productId = "00301-666666-2--0", amount = "50", diskSize = "200" };
        Assert.Equal("000000", (await _marketplace.GetAsync(upgrade)).ResultCode);
        Assert.Equal("000000", (await _marketplace.GetAsync(upgrade)).ResultCode);
        Assert.Equal("000003", (await _marketplace.GetAsync(new { activity = "upgrade", instanceId = "nope", orderId = "UPGRADE-2", skuCode = "s", productId = "p" })).ResultCode);

        var instance = await InstanceAsync(id);
        Assert.Equal(("sku-pro", "00301-666666-2--0"), (instance.SkuCode, instance.ProductId));
        using var db = _host.OpenDb();
        var purchase = await db.Set<InstancePurchase>().SingleAsync(p => p.InstanceId == id);
        Assert.Equal((50, 200), (purchase.Amount, purchase.DiskSize));
        Assert.Equal(1, await EventsAsync(id, "upgraded"));
    }

    [Fact]
    public async Task Query_lists_known_instances_with_encrypted_credentials_and_usage_for_pay_per_use()
    {
        var period = await CreateAsync("inst-q1", "ORDER-Q1");
        var onDemand = await CreateAsync("inst-q2", "ORDER-Q2", chargingMode: "0");
        var reply = await _marketplace.GetAsync(new { activity = "queryInstance", instanceId = $"{period},{onDemand},nope" });
        Assert.Equal("000000", reply.ResultCode);
        V1MarketplaceClient.AssertBodySigned(reply);
        Assert.Equal("1", reply.Get("encryptType"));
        var info = reply.Json.GetProperty("info");
        Assert.Equal([period, onDemand], info.EnumerateArray().Select(i => i.GetProperty("instanceId").GetString()));
        Assert.Equal("admin", FieldCipher.Decrypt(TestKeys.V1, info[0].GetProperty("appInfo").GetProperty("userName").GetString()!));
        Assert.False(info[0].TryGetProperty("usageInfo", out _));
        Assert.True(info[1].TryGetProperty("usageInfo", out _));
        Assert.Equal("000003", (await _marketplace.GetAsync(new { activity = "queryInstance", instanceId = "nope" })).ResultCode);
    }

    [Fact]
    public async Task A_renewal_of_an_instance_without_an_expiry_reports_no_previous_expiry()
    {
        using var host = new KooGateHost(settings: new Dictionary<string, string?>
        {
            ["KooGate:Webhook:Url"] = "http://127.0.0.1:9/hook",
            ["KooGate:Webhook:Secret"] = Outbox.WebhookTestHost.Secret,
        });
        var marketplace = new V1MarketplaceClient(host);
        var id = (await marketplace.GetAsync(V1NewInstanceTests.Create("inst-x", "ORDER-X"))).Get("instanceId")!;

        Assert.Equal("000000", (await marketplace.GetAsync(new { activity = "refreshInstance", instanceId = id, orderId = "RENEW-X", expireTime = "20310101000000" })).ResultCode);

        using var db = host.OpenDb();
        var renewed = await db.Outbox.AsNoTracking().SingleAsync(m => m.InstanceId == id && m.Type == Client.Events.EventTypes.InstanceRenewed);
        var data = System.Text.Json.Nodes.JsonNode.Parse(renewed.Payload)!["data"]!;
        Assert.NotNull(data["expireTime"]);
        Assert.Null(data["previousExpireTime"]);
    }
}

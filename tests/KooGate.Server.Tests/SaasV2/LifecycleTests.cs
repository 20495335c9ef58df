using KooGate.Server.Data;
using KooGate.Server.Tests.Infrastructure;
using KooGate.Testing.Databases;
using KooGate.Testing.Server;
using Microsoft.EntityFrameworkCore;

namespace KooGate.Server.Tests.SaasV2;

public abstract class LifecycleTests : IDisposable
{
    private const string Id = "life-1";

    private readonly KooGateHost _host;
    private readonly DatabaseKind _database;
    private readonly MarketplaceClient _marketplace;

    protected LifecycleTests(DatabaseKind database)
    {
        _database = database;
        _host = new KooGateHost(database);
        _marketplace = new MarketplaceClient(_host);
    }

    public void Dispose() => _host.Dispose();

    private static object Refresh(string instanceId, string orderId, string expireTime, string scene = "RENEWAL", string? testFlag = null) => new
    {
        activity = "refreshInstance",
        scene,
        orderId,
        orderLineId = orderId + "-000001",
        instanceId,
        productId = "00301-666666-0--0",
        expireTime,
        testFlag,
    };

    private static object Status(string instanceId, string status) => new { activity = "updateInstanceStatus", instanceId, status };

    private static object Upgrade(string instanceId, string orderId) => new { activity = "upgradeInstance", instanceId, orderId, orderLineId = orderId + "-000001" };

    private async Task<string> PostAsync(object body)
    {
        var reply = await _marketplace.PostAsync(body);
        return reply.ResultCode == "000000" ? reply.ResultCode : reply.ResultCode + " " + reply.ResultMsg;
    }

    private async Task CreateAsync(string businessId = Id, string orderId = "CS-CREATE-1")
    {
        var reply = await _marketplace.PostAsync(new { activity = "newInstance", businessId, orderId, orderLineId = orderId + "-000001" });
        Assert.True(reply.ResultCode == "000000", reply.Body);
    }

    private async Task<List<string>> EventsAsync(string instanceId = Id)
    {
        using var db = _host.OpenDb();
        return await db.InstanceEvents.Where(e => e.InstanceId == instanceId).OrderBy(e => e.Id).Select(e => e.Type).ToListAsync();
    }

    private async Task<InstanceRecord> InstanceAsync(string instanceId = Id)
    {
        using var db = _host.OpenDb();
        return await db.Instances.AsNoTracking().SingleAsync(i => i.InstanceId == instanceId);
    }

    [Fact]
    public async Task Full_lifecycle_applies_each_order_once_and_repeats_succeed_without_side_effects()
    {
        await CreateAsync();

        // Renewal: 17-digit expireTime, the same order twice extends once.
        Assert.Equal("000000", await PostAsync(Refresh(Id, "CS-RENEW-1", "20301124023618256")));
        Assert.Equal("000000", await PostAsync(Refresh(Id, "CS-RENEW-1", "20401124023618256")));
        var renewed = await InstanceAsync();
        Assert.Equal(new DateTimeOffset(2030, 11, 24, 2, 36, 18, 256, TimeSpan.Zero), renewed.ExpireTime);
        Assert.Equal("00301-666666-0--0", renewed.ProductId);
        using (var db = _host.OpenDb())
        {
            Assert.Equal(1, await db.AppliedOrders.CountAsync(a => a.OrderId == "CS-RENEW-1" && a.Kind == "refresh"));
            var renewal = await db.InstanceEvents.SingleAsync(e => e.Type == "renewed");
            Assert.Equal("RENEWAL", renewal.Detail);
            Assert.Equal("CS-RENEW-1", renewal.OrderId);
        }

        // A second renewal order (14 digits) applies.
        Assert.Equal("000000", await PostAsync(Refresh(Id, "CS-RENEW-2", "20311124023618")));
        Assert.Equal(new DateTimeOffset(2031, 11, 24, 2, 36, 18, TimeSpan.Zero), (await InstanceAsync()).ExpireTime);

        // Freeze, freeze again (no new event), unfreeze.
        Assert.Equal("000000", await PostAsync(Status(Id, "FREEZE")));
        Assert.Equal(InstanceState.Frozen, (await InstanceAsync()).State);
        var afterFreeze = await EventsAsync();
        Assert.Equal("000000", await PostAsync(Status(Id, "FREEZE")));
        Assert.Equal(afterFreeze, await EventsAsync());
        Assert.Equal("000000", await PostAsync(Status(Id, "UNFREEZE")));
        Assert.Equal(InstanceState.Active, (await InstanceAsync()).State);
        Assert.Equal("000000", await PostAsync(Status(Id, "UNFREEZE")));

        // Upgrade twice with the same order: applied once, and its order fetch is queued.
        Assert.Equal("000000", await PostAsync(Upgrade(Id, "CS-UP-1")));
        Assert.Equal("000000", await PostAsync(Upgrade(Id, "CS-UP-1")));
        using (var db = _host.OpenDb())
        {
            Assert.Equal(1, await db.AppliedOrders.CountAsync(a => a.Kind == "upgrade"));
            var fetch = await db.Orders.SingleAsync(o => o.OrderId == "CS-UP-1");
            Assert.Equal(Id, fetch.InstanceId);
        }

        // Renewal change check: productInfo as an object and as a JSON string.
        Assert.Equal("000000", await PostAsync(new { activity = "changeInstanceCheck", instanceId = Id, productInfo = new { skuCode = "sku-2", productId = "p-2", linearValue = 10 } }));
        Assert.Equal("000000", await PostAsync(new { activity = "changeInstanceCheck", instanceId = Id, productInfo = """{"skuCode":"sku-2"}""" }));

        // Release, release again.
        Assert.Equal("000000", await PostAsync(new { activity = "releaseInstance", instanceId = Id, orderId = "CS-UNSUB-1", orderLineId = "CS-UNSUB-1-000001" }));
        Assert.Equal(InstanceState.Released, (await InstanceAsync()).State);
        Assert.Equal("000000", await PostAsync(new { activity = "releaseInstance", instanceId = Id }));

        Assert.Equal(
            ["created", "provisioned", "renewed", "renewed", "frozen", "unfrozen", "upgraded", "change-allowed", "change-allowed", "released"],
            await EventsAsync());
        using (var db = _host.OpenDb())
        {
            var released = await db.InstanceEvents.SingleAsync(e => e.Type == "released");
            Assert.Equal((InstanceState.Active, InstanceState.Released, "CS-UNSUB-1"), (released.FromState!.Value, released.ToState!.Value, released.OrderId));
        }

        // A released instance is gone for the marketplace: queryInstance answers 000003; it cannot be renewed or
        // upgraded; status changes still succeed without effect.
        Assert.StartsWith("000003", await PostAsync(new { activity = "queryInstance", instanceId = Id }), StringComparison.Ordinal);
        Assert.Equal("000003 instance is released", await PostAsync(Refresh(Id, "CS-RENEW-3", "20321124023618")));
        Assert.Equal("000003 instance is released", await PostAsync(Upgrade(Id, "CS-UP-2")));
        Assert.Equal("000000", await PostAsync(Status(Id, "FREEZE")));
        Assert.Equal(InstanceState.Released, (await InstanceAsync()).State);
        Assert.Equal("released", (await EventsAsync())[^1]);
    }

    [Fact]
    public async Task Status_change_on_a_failed_instance_succeeds_and_is_only_noted()
    {
        await CreateAsync();
        using (var db = _host.OpenDb())
        {
            var instance = await db.Instances.SingleAsync();
            instance.State = InstanceState.Failed;
            await db.SaveChangesAsync();
        }

        Assert.Equal("000000", await PostAsync(Status(Id, "FREEZE")));
        Assert.Equal(InstanceState.Failed, (await InstanceAsync()).State);
        Assert.Equal("status-ignored", (await EventsAsync())[^1]);
    }

    [Fact]
    public async Task Test_flag_calls_are_validated_and_answered_without_writes()
    {
        await CreateAsync();
        var events = await EventsAsync();

        Assert.Equal("000000", await PostAsync(Refresh(Id, "CS-RENEW-T", "20301124023618", testFlag: "1")));
        Assert.Equal("000000", await PostAsync(new { activity = "updateInstanceStatus", instanceId = Id, status = "FREEZE", testFlag = "1" }));
        Assert.Equal("000000", await PostAsync(new { activity = "upgradeInstance", instanceId = Id, orderId = "CS-UP-T", orderLineId = "l", testFlag = "1" }));
        Assert.Equal("000000", await PostAsync(new { activity = "releaseInstance", instanceId = Id, testFlag = "1" }));
        // An id typed by hand in the seller-center debugger gets the canned success (saas-v2.md §7.6); real calls get 000003.
        Assert.Equal("000000", await PostAsync(Refresh("typed-by-hand", "CS-RENEW-T", "20301124023618", testFlag: "1")));
        Assert.StartsWith("000003", await PostAsync(Refresh("typed-by-hand", "CS-RENEW-T2", "20301124023618")), StringComparison.Ordinal);
        Assert.StartsWith("000002", await PostAsync(Refresh(Id, "CS-RENEW-T", "2030", testFlag: "1")), StringComparison.Ordinal);

        var instance = await InstanceAsync();
        Assert.Equal(InstanceState.Active, instance.State);
        Assert.Null(instance.ExpireTime);
        Assert.Equal(events, await EventsAsync());
        using var db = _host.OpenDb();
        Assert.Equal(0, await db.AppliedOrders.CountAsync());
        Assert.Equal(0, await db.Orders.CountAsync(o => o.OrderId == "CS-UP-T"));
    }

    [Fact]
    public async Task Real_changes_hand_off_an_outbox_event_in_the_same_save()
    {
        using var host = new KooGateHost(_database, settings: new Dictionary<string, string?> { ["KooGate:Webhook:Url"] = "http://127.0.0.1:9/hook" });
        var marketplace = new MarketplaceClient(host);
        Assert.Equal("000004", (await marketplace.PostAsync(new { activity = "newInstance", businessId = Id, orderId = "o", orderLineId = "l" })).ResultCode);
        using (var db = host.OpenDb())
        {
            (await db.Instances.SingleAsync()).State = InstanceState.Active;
            await db.SaveChangesAsync();
        }

        Assert.Equal("000000", (await marketplace.PostAsync(Refresh(Id, "CS-RENEW-1", "20301124023618"))).ResultCode);
        Assert.Equal("000000", (await marketplace.PostAsync(Refresh(Id, "CS-RENEW-1", "20301124023618"))).ResultCode);
        Assert.Equal("000000", (await marketplace.PostAsync(Status(Id, "FREEZE"))).ResultCode);
        Assert.Equal("000000", (await marketplace.PostAsync(Status(Id, "UNFREEZE"))).ResultCode);
        Assert.Equal("000000", (await marketplace.PostAsync(Upgrade(Id, "CS-UP-1"))).ResultCode);
        Assert.Equal("000000", (await marketplace.PostAsync(Upgrade(Id, "CS-UP-1"))).ResultCode);
        Assert.Equal("000000", (await marketplace.PostAsync(new { activity = "releaseInstance", instanceId = Id })).ResultCode);
        Assert.Equal("000000", (await marketplace.PostAsync(new { activity = "releaseInstance", instanceId = Id })).ResultCode);

        using var check = host.OpenDb();
        // The fake clock stands still, so the messages share a timestamp: compare them unordered.
        var types = (await check.Outbox.Select(m => m.Type).ToListAsync()).Order(StringComparer.Ordinal);
        Assert.Equal(
            ["instance.created", "instance.frozen", "instance.released", "instance.renewed", "instance.unfrozen", "instance.upgraded"],
            types);
    }

    public static TheoryData<string> UnknownInstanceBodies() =>
    [
        """{"activity":"refreshInstance","scene":"RENEWAL","orderId":"o","orderLineId":"l","instanceId":"nope","expireTime":"20301124023618"}""",
        """{"activity":"updateInstanceStatus","instanceId":"nope","status":"FREEZE"}""",
        """{"activity":"updateInstanceStatus","instanceId":"nope","status":"UNFREEZE"}""",
        """{"activity":"releaseInstance","instanceId":"nope"}""",
        """{"activity":"upgradeInstance","instanceId":"nope","orderId":"o","orderLineId":"l"}""",
        """{"activity":"changeInstanceCheck","instanceId":"nope","productInfo":{"skuCode":"s"}}""",
    ];

    [Theory]
    [MemberData(nameof(UnknownInstanceBodies))]
    public async Task Unknown_instance_answers_000003(string body)
    {
        var reply = await _marketplace.PostAsync(body);
        Assert.True(reply.ResultCode == "000003", reply.Body);
        using var db = _host.OpenDb();
        Assert.Equal(0, await db.InstanceEvents.CountAsync());
        Assert.Equal(0, await db.AppliedOrders.CountAsync());
    }

    [Theory]
    [InlineData("""{"activity":"refreshInstance","scene":"RENEW","orderId":"o","orderLineId":"l","instanceId":"i","expireTime":"20301124023618"}""", "scene")]
    [InlineData("""{"activity":"refreshInstance","orderId":"o","orderLineId":"l","instanceId":"i","expireTime":"20301124023618"}""", "scene")]
    [InlineData("""{"activity":"refreshInstance","scene":"RENEWAL","orderId":"o","orderLineId":"l","instanceId":"i","expireTime":"203011240236"}""", "expireTime")]
    [InlineData("""{"activity":"refreshInstance","scene":"RENEWAL","orderId":"o","orderLineId":"l","instanceId":"i","expireTime":"20301324023618"}""", "expireTime")]
    [InlineData("""{"activity":"refreshInstance","scene":"RENEWAL","orderId":"o","orderLineId":"l","instanceId":"i"}""", "expireTime")]
    [InlineData("""{"activity":"refreshInstance","scene":"RENEWAL","orderLineId":"l","instanceId":"i","expireTime":"20301124023618"}""", "orderId")]
    [InlineData("""{"activity":"updateInstanceStatus","instanceId":"i","status":"NORMAL"}""", "status")]
    [InlineData("""{"activity":"updateInstanceStatus","instanceId":"i"}""", "status")]
    [InlineData("""{"activity":"releaseInstance"}""", "instanceId")]
    [InlineData("""{"activity":"upgradeInstance","instanceId":"i","orderId":"o"}""", "orderLineId")]
    [InlineData("""{"activity":"changeInstanceCheck","instanceId":"i"}""", "productInfo")]
    [InlineData("""{"activity":"changeInstanceCheck","instanceId":"i","productInfo":"sku-2"}""", "productInfo")]
    [InlineData("""{"activity":"changeInstanceCheck","instanceId":"i","productInfo":"[1]"}""", "productInfo")]
    [InlineData("""{"activity":"changeInstanceCheck","instanceId":"i","productInfo":[1]}""", "productInfo")]
    public async Task Bad_field_answers_000002_naming_it(string body, string field)
    {
        var reply = await _marketplace.PostAsync(body);
        Assert.True(reply.ResultCode == "000002", reply.Body);
        Assert.Contains(field, reply.ResultMsg, StringComparison.Ordinal);
    }
}

public sealed class LifecycleOnSqlite() : LifecycleTests(DatabaseKind.Sqlite);

public sealed class LifecycleOnPostgres() : LifecycleTests(DatabaseKind.Postgres);

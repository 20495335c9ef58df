using KooGate.Emulator.Tests.Infrastructure;
using KooGate.Server.Data;
using KooGate.Testing.Emulator;
using KooGate.Testing.Server;
using Microsoft.EntityFrameworkCore;

namespace KooGate.Emulator.Tests.AgainstServer;

/// <summary>
/// The marketplace may deliver <c>orderNotify</c> before the call that applies the order. With the emulator's
/// <c>orderNotifyFirst</c> the real server still ends with one instance, each order applied once, details merged.
/// </summary>
public sealed class OrderNotifyFirstTests() : AgainstServerTest(serverFetchesOrders: true)
{
    protected override async Task ArrangeAsync()
    {
        foreach (var (id, notifyFirst) in new[] { ("TEAM-M", true), ("TEAM-PLUS-M", false) })
        {
            await Emulator.AddProductAsync(new
            {
                productId = id,
                skuCode = id + "-SKU",
                chargingMode = "PERIOD",
                periodType = "month",
                price = 10m,
                interfaceVersion = "SaasV2",
                productionUrl = Server.ProductionUrl,
                basicKey = TestKeys.Basic,
                orderNotifyUrl = Server.ProductionUrl,
                generalKey = TestKeys.General,
                orderNotifyFirst = notifyFirst,
            });
        }
    }

    [Fact]
    public async Task Notification_first_for_the_purchase_and_the_upgrade_leaves_one_instance_with_the_newest_quantity()
    {
        var order = await Emulator.OrderAsync(new { type = "NEW", customerId = "buyer-1", productId = "TEAM-M", linearValue = 20 });
        var resourceId = EmulatorHost.Text(order["resourceId"]);
        Assert.Equal("Completed", EmulatorHost.Text(order["status"]));
        var calls = await Emulator.CallsAsync(resourceId);
        Assert.Equal(["orderNotify", "newInstance"], InCallOrder(calls));
        Assert.All(calls, c => Assert.Equal("Succeeded", EmulatorHost.Text(c!["state"])));
        var instanceId = EmulatorHost.Text((await Emulator.ResourceAsync(resourceId))["instanceId"]);

        // The upgrade's notification is also sent first (an order-level override on a product that would not).
        var change = await Emulator.OrderAsync(new { type = "CHANGE", resourceId, productId = "TEAM-PLUS-M", linearValue = 30, orderNotifyFirst = true });
        Assert.Equal("Completed", EmulatorHost.Text(change["status"]));
        calls = await Emulator.CallsAsync(resourceId);
        Assert.Equal(["orderNotify", "newInstance", "orderNotify", "upgradeInstance"], InCallOrder(calls));
        Assert.All(calls, c => Assert.Equal("000000", EmulatorHost.Text(c!["calls"]![0]!["resultCode"])));

        var purchase = await Server.WaitForAsync(
            db => db.Set<InstancePurchase>().AsNoTracking().SingleOrDefaultAsync(p => p.InstanceId == instanceId && p.LinearValue == 30m), "the upgrade's details applied");
        Assert.Equal("buyer-1", purchase.CustomerId);
        await using var db = Server.OpenDb();
        var instance = await db.Instances.SingleAsync();
        Assert.Equal((instanceId, "TEAM-PLUS-M", "TEAM-PLUS-M-SKU", InstanceState.Active), (instance.InstanceId, instance.ProductId, instance.SkuCode, instance.State));
        Assert.Equal(1, await db.AppliedOrders.CountAsync(a => a.OrderId == EmulatorHost.Text(change["orderId"])));
        var orders = await db.Orders.AsNoTracking().OrderBy(o => o.CreateTime).ToListAsync();
        Assert.Equal([("new", 20m), ("upgrade", 30m)], orders.Select(o => (o.Kind!, o.LinearValue!.Value)));
        Assert.All(orders, o => Assert.Equal(instanceId, o.InstanceId));
    }

    /// <summary>The activities in the order they were first called (the list is by delivery).</summary>
    private static IEnumerable<string> InCallOrder(System.Text.Json.Nodes.JsonArray deliveries) =>
        deliveries.OrderBy(d => d!["calls"]![0]!["id"]!.GetValue<long>()).Select(d => EmulatorHost.Text(d!["activity"]));
}

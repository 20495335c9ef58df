using KooGate.Emulator.Tests.Infrastructure;
using KooGate.Server.Data;
using KooGate.Testing.Emulator;
using KooGate.Testing.Server;
using Microsoft.EntityFrameworkCore;

namespace KooGate.Emulator.Tests.AgainstServer;

/// <summary>The emulator drives the real KooGate.Server through a whole SaaS V2 lifecycle over loopback HTTP.</summary>
public sealed class SaasV2LifecycleTests : AgainstServerTest
{
    protected override async Task ArrangeAsync()
    {
        foreach (var (id, price) in new[] { ("BASIC-M", 100m), ("PRO-M", 300m) })
        {
            await Emulator.AddProductAsync(new
            {
                productId = id,
                skuCode = id,
                chargingMode = "PERIOD",
                periodType = "month",
                price,
                interfaceVersion = "SaasV2",
                productionUrl = Server.ProductionUrl,
                basicKey = TestKeys.Basic,
                platformFeeRate = 0.2m,
            });
        }
    }

    [Fact]
    public async Task Buy_renew_upgrade_expire_and_release_reach_the_server_and_settle()
    {
        var order = await Emulator.OrderAsync(new { type = "NEW", customerId = "buyer-1", productId = "BASIC-M" });
        Assert.Equal("Completed", EmulatorHost.Text(order["status"]));
        var resourceId = EmulatorHost.Text(order["resourceId"]);
        var resource = await Emulator.ResourceAsync(resourceId);
        var instanceId = EmulatorHost.Text(resource["instanceId"]);
        Assert.Equal("Active", EmulatorHost.Text(resource["state"]));
        Assert.StartsWith("https://app.example.com/", EmulatorHost.Text(resource["appInfo"]!["frontEndUrl"]));
        Assert.Equal(80m, order["settlement"]!["sellerAmount"]!.GetValue<decimal>());

        var calls = await Emulator.CallsAsync(resourceId);
        var create = calls.Single(c => EmulatorHost.Text(c!["activity"]) == "newInstance")!;
        Assert.Equal("Succeeded", EmulatorHost.Text(create["state"]));
        var firstCall = create["calls"]![0]!;
        Assert.Equal("000000", EmulatorHost.Text(firstCall["resultCode"]));
        Assert.Matches("signature=[0-9A-F]{64}&timestamp=\\d{13}&nonce=[0-9A-F]{64}$", EmulatorHost.Text(firstCall["request"]!["url"]));
        Assert.Contains("queryInstance", EmulatorHost.Text(create["calls"]![1]!["request"]!["body"]));

        var expiry = resource["expireTime"]!.GetValue<DateTimeOffset>();
        var renewal = await Emulator.OrderAsync(new { type = "RENEW", resourceId, periodNumber = 2 });
        Assert.Equal("Completed", EmulatorHost.Text(renewal["status"]));
        var renewedExpiry = expiry.AddMonths(2);
        Assert.Equal(renewedExpiry, (await Emulator.ResourceAsync(resourceId))["expireTime"]!.GetValue<DateTimeOffset>());
        await using (var db = Server.OpenDb())
        {
            var stored = await db.Instances.SingleAsync(i => i.InstanceId == instanceId);
            Assert.Equal(renewedExpiry.ToUnixTimeSeconds(), stored.ExpireTime!.Value.ToUnixTimeSeconds());
        }

        var upgrade = await Emulator.OrderAsync(new { type = "CHANGE", resourceId, productId = "PRO-M" });
        Assert.Equal("Completed", EmulatorHost.Text(upgrade["status"]));
        Assert.True(upgrade["amount"]!.GetValue<decimal>() > 0);
        Assert.Equal("PRO-M", EmulatorHost.Text((await Emulator.ResourceAsync(resourceId))["productId"]));

        // Past expiry: frozen on the marketplace and on the server.
        var now = await Emulator.NowAsync();
        await Emulator.AdvanceAsync(renewedExpiry - now + TimeSpan.FromMinutes(1));
        resource = await Emulator.ResourceAsync(resourceId);
        Assert.Equal("Frozen", EmulatorHost.Text(resource["state"]));
        await using (var db = Server.OpenDb())
        {
            Assert.Equal(InstanceState.Frozen, (await db.Instances.SingleAsync(i => i.InstanceId == instanceId)).State);
        }

        // The freeze period (15 days) ends in release.
        await Emulator.AdvanceAsync(TimeSpan.FromDays(15));
        resource = await Emulator.ResourceAsync(resourceId);
        Assert.Equal("Released", EmulatorHost.Text(resource["state"]));
        await using (var db = Server.OpenDb())
        {
            Assert.Equal(InstanceState.Released, (await db.Instances.SingleAsync(i => i.InstanceId == instanceId)).State);
        }

        calls = await Emulator.CallsAsync(resourceId);
        Assert.Equal(
            ["newInstance", "refreshInstance", "upgradeInstance", "updateInstanceStatus", "releaseInstance"],
            calls.Select(c => EmulatorHost.Text(c!["activity"])));
        Assert.All(calls, c => Assert.Equal("Succeeded", EmulatorHost.Text(c!["state"])));
        var release = calls.Last()!["calls"]![0]!;
        var releasedAt = release["at"]!.GetValue<DateTimeOffset>();
        Assert.Equal(renewedExpiry.AddDays(15), releasedAt, TimeSpan.FromMinutes(2));
    }
}

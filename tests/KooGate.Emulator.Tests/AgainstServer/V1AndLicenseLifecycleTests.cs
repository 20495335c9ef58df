using KooGate.Emulator.Tests.Infrastructure;
using KooGate.Server.Data;
using KooGate.Testing.Emulator;
using KooGate.Testing.Server;
using Microsoft.EntityFrameworkCore;

namespace KooGate.Emulator.Tests.AgainstServer;

/// <summary>The emulator drives the real KooGate.Server through V1-era lifecycles (V1 GET, legacy License) over loopback.</summary>
public sealed class V1AndLicenseLifecycleTests : AgainstServerTest
{
    protected override async Task ArrangeAsync()
    {
        foreach (var version in new[] { "SaasV1", "LicenseLegacy" })
        {
            await Emulator.AddProductAsync(new
            {
                productId = version + "-M",
                skuCode = version + "-sku",
                chargingMode = "PERIOD",
                periodType = "month",
                price = 100m,
                interfaceVersion = version,
                productionUrl = Server.ProductionUrl,
                v1Key = TestKeys.V1,
                basicKey = TestKeys.Basic,
                licenseKey = TestKeys.License,
            });
        }
    }

    [Theory]
    [InlineData("SaasV1")]
    [InlineData("LicenseLegacy")]
    public async Task Buy_renew_expire_and_release_reach_the_server(string version)
    {
        var order = await Emulator.OrderAsync(new { type = "NEW", customerId = "buyer-1", productId = version + "-M" });
        Assert.Equal("Completed", EmulatorHost.Text(order["status"]));
        var resourceId = EmulatorHost.Text(order["resourceId"]);
        var resource = await Emulator.ResourceAsync(resourceId);
        var instanceId = EmulatorHost.Text(resource["instanceId"]);
        Assert.Equal("Active", EmulatorHost.Text(resource["state"]));

        var expiry = resource["expireTime"]!.GetValue<DateTimeOffset>();
        Assert.Equal("Completed", EmulatorHost.Text((await Emulator.OrderAsync(new { type = "RENEW", resourceId, periodNumber = 1 }))["status"]));
        var renewedExpiry = expiry.AddMonths(1);

        var now = await Emulator.NowAsync();
        await Emulator.AdvanceAsync(renewedExpiry - now + TimeSpan.FromMinutes(1));
        Assert.Equal("Frozen", EmulatorHost.Text((await Emulator.ResourceAsync(resourceId))["state"]));
        await Emulator.AdvanceAsync(TimeSpan.FromDays(15));
        Assert.Equal("Released", EmulatorHost.Text((await Emulator.ResourceAsync(resourceId))["state"]));

        await using (var db = Server.OpenDb())
        {
            Assert.Equal(InstanceState.Released, (await db.Instances.SingleAsync(i => i.InstanceId == instanceId)).State);
        }

        var calls = await Emulator.CallsAsync(resourceId);
        Assert.True(calls.Count >= 4, string.Join(", ", calls.Select(c => EmulatorHost.Text(c!["activity"]))));
        Assert.All(calls, c => Assert.Equal("Succeeded", EmulatorHost.Text(c!["state"])));
    }
}

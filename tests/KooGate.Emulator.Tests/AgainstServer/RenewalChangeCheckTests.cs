using System.Text.Json.Nodes;
using KooGate.Emulator.Tests.Infrastructure;
using KooGate.Testing.Emulator;
using KooGate.Testing.Server;
using Microsoft.EntityFrameworkCore;

namespace KooGate.Emulator.Tests.AgainstServer;

/// <summary>
/// 续费变更 against the real KooGate.Server: with <c>changeCheck</c> the emulator asks <c>changeInstanceCheck</c>
/// first (saas-v2.md §3.7) and, allowed, renews with scene RENEWAL_CHANGE (§3.11).
/// </summary>
public sealed class RenewalChangeCheckTests : AgainstServerTest
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
                changeCheck = true,
            });
        }
    }

    [Fact]
    public async Task An_allowed_renewal_change_is_checked_then_renewed_as_RENEWAL_CHANGE()
    {
        var order = await Emulator.OrderAsync(new { type = "NEW", customerId = "buyer-1", productId = "BASIC-M" });
        var resourceId = EmulatorHost.Text(order["resourceId"]);
        var resource = await Emulator.ResourceAsync(resourceId);
        var instanceId = EmulatorHost.Text(resource["instanceId"]);
        var expiry = resource["expireTime"]!.GetValue<DateTimeOffset>();

        var renewal = await Emulator.OrderAsync(new { type = "RENEW", resourceId, productId = "PRO-M", linearValue = 3m });

        Assert.Equal("Completed", EmulatorHost.Text(renewal["status"]));
        Assert.Equal(900m, renewal["amount"]!.GetValue<decimal>());
        resource = await Emulator.ResourceAsync(resourceId);
        Assert.Equal("PRO-M", EmulatorHost.Text(resource["productId"]));
        Assert.Equal(expiry.AddMonths(1), resource["expireTime"]!.GetValue<DateTimeOffset>());

        var calls = await Emulator.CallsAsync(resourceId);
        Assert.Equal(["newInstance", "changeInstanceCheck", "refreshInstance"], calls.Select(c => EmulatorHost.Text(c!["activity"])));
        var check = calls[1]!;
        Assert.Equal("Succeeded", EmulatorHost.Text(check["state"]));
        Assert.Equal(EmulatorHost.Text(renewal["orderId"]), EmulatorHost.Text(check["orderId"]));
        var checkCall = check["calls"]!.AsArray().Single()!;
        Assert.Equal("000000", EmulatorHost.Text(checkCall["resultCode"]));
        var checkBody = JsonNode.Parse(EmulatorHost.Text(checkCall["request"]!["body"]))!;
        Assert.Equal(instanceId, EmulatorHost.Text(checkBody["instanceId"]));
        Assert.Equal("PRO-M", EmulatorHost.Text(checkBody["productInfo"]!["skuCode"]));
        Assert.Equal("PRO-M", EmulatorHost.Text(checkBody["productInfo"]!["productId"]));
        Assert.Equal(3m, checkBody["productInfo"]!["linearValue"]!.GetValue<decimal>());

        var refresh = calls[2]!;
        Assert.Equal("Succeeded", EmulatorHost.Text(refresh["state"]));
        var refreshBody = JsonNode.Parse(EmulatorHost.Text(refresh["calls"]![0]!["request"]!["body"]))!;
        Assert.Equal("RENEWAL_CHANGE", EmulatorHost.Text(refreshBody["scene"]));
        Assert.Equal("PRO-M", EmulatorHost.Text(refreshBody["productId"]));
        await using var db = Server.OpenDb();
        var stored = await db.Instances.SingleAsync(i => i.InstanceId == instanceId);
        Assert.Equal(expiry.AddMonths(1).ToUnixTimeSeconds(), stored.ExpireTime!.Value.ToUnixTimeSeconds());
    }
}

using KooGate.Emulator.Tests.Infrastructure;
using KooGate.Protocol.OpenApi;
using KooGate.Server.Data;
using KooGate.Testing.Emulator;
using KooGate.Testing.Server;
using Microsoft.EntityFrameworkCore;

namespace KooGate.Emulator.Tests.AgainstServer;

/// <summary>
/// License code 2.0 (license-order-openapi.md §C): the emulator issues the code itself, the seller's software
/// activates and heartbeats it through the open API, and renewal, renewal refund, expiry, thaw, unsubscription and
/// release reach the real KooGate.Server as signed refreshLicenseCode / updateLicenseCodeStatus / releaseLicenseCode.
/// </summary>
public sealed class LicenseCodeLifecycleTests : AgainstServerTest
{
    private MarketplaceClient _seller = null!;

    protected override async Task ArrangeAsync()
    {
        await Emulator.AddProductAsync(new
        {
            productId = "CODE-M",
            chargingMode = "PERIOD",
            periodType = "month",
            price = 30m,
            interfaceVersion = "LicenseCode",
            productionUrl = Server.ProductionUrl,
            licenseKey = TestKeys.License,
        });
        _seller = Emulator.SellerClient(WallClock);
    }

    [Fact]
    public async Task Code_is_issued_then_renewed_refunded_frozen_thawed_and_released_on_the_server()
    {
        var order = await Emulator.OrderAsync(new { type = "NEW", customerId = "buyer-1", productId = "CODE-M" });
        Assert.Equal("Completed", EmulatorHost.Text(order["status"]));
        var resourceId = EmulatorHost.Text(order["resourceId"]);
        var resource = await Emulator.ResourceAsync(resourceId);
        var code = EmulatorHost.Text(resource["licenseCode"]);
        Assert.Matches("^PL[A-Z0-9]{18}$", code);
        Assert.Equal(code, EmulatorHost.Text(resource["instanceId"]));
        Assert.Empty(await Emulator.CallsAsync(resourceId));

        // The seller's software activates the code the buyer handed over.
        var activated = await _seller.ActivateLicenseAsync(code);
        Assert.True(activated.Data!.TryGetLicenseCodeInfo(out var info));
        Assert.Equal("ALIVE", info.Status);
        var expiry = resource["expireTime"]!.GetValue<DateTimeOffset>();

        // Renewal for two months reaches the server; refunding it moves the expiry back.
        var renewal = await Emulator.OrderAsync(new { type = "RENEW", resourceId, periodNumber = 2 });
        Assert.Equal("Completed", EmulatorHost.Text(renewal["status"]));
        Assert.Equal(expiry.AddMonths(2).ToUnixTimeSeconds(), (await ServerCodeAsync(code)).ExpireTime!.Value.ToUnixTimeSeconds());
        await Emulator.AfterFirstCallsAsync(await Emulator.PostAsync($"/api/orders/{EmulatorHost.Text(renewal["orderId"])}/refund", new { }));
        var stored = await ServerCodeAsync(code);
        Assert.Equal(expiry.ToUnixTimeSeconds(), stored.ExpireTime!.Value.ToUnixTimeSeconds());
        Assert.Equal(LicenseCodeState.Active, stored.State);

        // Expiry freezes the code on both sides; the heartbeat reports it.
        await Emulator.AdvanceAsync(expiry - await Emulator.NowAsync() + TimeSpan.FromMinutes(1));
        Assert.Equal("Frozen", EmulatorHost.Text((await Emulator.ResourceAsync(resourceId))["state"]));
        Assert.Equal(LicenseCodeState.Frozen, (await ServerCodeAsync(code)).State);
        Assert.Equal("EXPIRED", (await _seller.HeartbeatLicenseAsync(code)).Data!.Status);

        // Renewing the frozen code thaws it.
        await Emulator.OrderAsync(new { type = "RENEW", resourceId, periodNumber = 1 });
        stored = await ServerCodeAsync(code);
        Assert.Equal(LicenseCodeState.Active, stored.State);
        Assert.Equal(expiry.AddMonths(1).ToUnixTimeSeconds(), stored.ExpireTime!.Value.ToUnixTimeSeconds());
        Assert.Equal("ALIVE", (await _seller.HeartbeatLicenseAsync(code)).Data!.Status);

        // Unsubscribing releases at once, naming the unsubscription order.
        var unsubscribe = await Emulator.OrderAsync(new { type = "UNSUBSCRIBE", resourceId });
        Assert.Equal(LicenseCodeState.Released, (await ServerCodeAsync(code)).State);
        Assert.Equal("RELEASED", (await _seller.HeartbeatLicenseAsync(code)).Data!.Status);

        var calls = await Emulator.CallsAsync(resourceId);
        Assert.Equal(
            ["refreshLicenseCode", "refreshLicenseCode", "updateLicenseCodeStatus", "refreshLicenseCode", "updateLicenseCodeStatus", "releaseLicenseCode"],
            calls.Select(c => EmulatorHost.Text(c!["activity"])));
        Assert.All(calls, c => Assert.Equal("Succeeded", EmulatorHost.Text(c!["state"])));
        var bodies = calls.Select(c => EmulatorHost.Text(c!["calls"]![0]!["request"]!["body"])).ToList();
        Assert.Contains("\"scene\":\"RENEWAL\"", bodies[0]);
        Assert.Contains("\"scene\":\"UNSUBSCRIBE_RENEWAL_PERIOD\"", bodies[1]);
        Assert.Contains("\"status\":\"FREEZE\"", bodies[2]);
        Assert.Contains("\"status\":\"UNFREEZE\"", bodies[4]);
        Assert.Contains($"\"orderId\":\"{EmulatorHost.Text(unsubscribe["orderId"])}\"", bodies[5]);
        Assert.All(calls, c => Assert.Matches("signature=[0-9A-F]{64}&timestamp=\\d{13}&nonce=[0-9A-F]{64}$",
            EmulatorHost.Text(c!["calls"]![0]!["request"]!["url"])));
    }

    [Fact]
    public async Task An_expired_code_is_released_after_the_freeze_period()
    {
        var order = await Emulator.OrderAsync(new { type = "NEW", customerId = "buyer-1", productId = "CODE-M" });
        var resourceId = EmulatorHost.Text(order["resourceId"]);
        var resource = await Emulator.ResourceAsync(resourceId);
        var code = EmulatorHost.Text(resource["licenseCode"]);
        var expiry = resource["expireTime"]!.GetValue<DateTimeOffset>();

        await Emulator.AdvanceAsync(expiry - await Emulator.NowAsync() + TimeSpan.FromDays(15) + TimeSpan.FromMinutes(1));
        Assert.Equal("Released", EmulatorHost.Text((await Emulator.ResourceAsync(resourceId))["state"]));
        Assert.Equal(LicenseCodeState.Released, (await ServerCodeAsync(code)).State);

        var calls = await Emulator.CallsAsync(resourceId);
        Assert.Equal(["updateLicenseCodeStatus", "releaseLicenseCode"], calls.Select(c => EmulatorHost.Text(c!["activity"])));
        Assert.All(calls, c => Assert.Equal("000000", EmulatorHost.Text(c!["calls"]![0]!["resultCode"])));
        // A release after the freeze period names no order (§C.1.3).
        Assert.DoesNotContain("orderId", EmulatorHost.Text(calls[1]!["calls"]![0]!["request"]!["body"]));
        var releasedAt = calls[1]!["calls"]![0]!["at"]!.GetValue<DateTimeOffset>();
        Assert.Equal(expiry.AddDays(15), releasedAt, TimeSpan.FromMinutes(2));
    }

    private async Task<LicenseCodeRecord> ServerCodeAsync(string code)
    {
        await using var db = Server.OpenDb();
        return await db.Set<LicenseCodeRecord>().AsNoTracking().SingleAsync(c => c.Code == code);
    }
}

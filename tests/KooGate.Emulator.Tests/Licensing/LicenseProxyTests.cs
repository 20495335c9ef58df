using KooGate.Client.Licensing;
using KooGate.Emulator.Tests.Infrastructure;
using KooGate.Server.Data;
using KooGate.Testing.Emulator;
using KooGate.Testing.Server;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace KooGate.Emulator.Tests.Licensing;

/// <summary>
/// The license proxy end to end: the seller's software (KooGate.Client's <see cref="LicenseProxyClient"/>) calls
/// KooGate, which holds the AK/SK and calls the emulator's license open API.
/// </summary>
public sealed class LicenseProxyTests : IAsyncLifetime
{
    private const string Fingerprint = "04:7C:16:5E:E3:5D|001B_444A_488B_5CEC.||BFEBFBFF00090672";
    private readonly FakeTimeProvider _wallClock = new(DateTimeOffset.UtcNow);
    private EmulatorHost _emulator = null!;
    private KooGateHost _server = null!;
    private HttpClient _http = null!;
    private LicenseProxyClient _software = null!;

    public async Task InitializeAsync()
    {
        _emulator = await EmulatorHost.StartAsync(_wallClock);
        _server = new KooGateHost(new KooGateHostOptions
        {
            Clock = _wallClock,
            Marketplace = _emulator.BaseAddress,
            KitClientSecret = true,
            Settings = new Dictionary<string, string?>
            {
                ["KooGate:LicenseProxy:GraceHours"] = "24",
                ["KooGate:LicenseProxy:PerCodePerMinute"] = "12",
                ["KooGate:LicenseProxy:PerClientPerMinute"] = "40",
            },
        });
        await _emulator.AddBuyerAsync();
        foreach (var (id, version, key) in new[] { ("CODE-M", "LicenseCode", "licenseKey"), ("ONLINE-M", "OnlineLicense", "basicKey") })
        {
            var product = new Dictionary<string, object>
            {
                ["productId"] = id,
                ["chargingMode"] = "PERIOD",
                ["periodType"] = "month",
                ["price"] = 30m,
                ["interfaceVersion"] = version,
                ["productionUrl"] = _server.ProductionUrl,
                [key] = key == "licenseKey" ? TestKeys.License : TestKeys.Basic,
            };
            await _emulator.AddProductAsync(product);
        }

        _http = new HttpClient { BaseAddress = new Uri(new Uri(_server.ProductionUrl).GetLeftPart(UriPartial.Authority)) };
        _software = new LicenseProxyClient(_http);
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _emulator.DisposeAsync();
        _server.Dispose();
    }

    [Fact]
    public async Task A_code_is_activated_checked_frozen_renewed_and_served_from_cache_while_the_marketplace_is_down()
    {
        var order = await _emulator.OrderAsync(new { type = "NEW", customerId = "buyer-1", productId = "CODE-M" });
        var resourceId = EmulatorHost.Text(order["resourceId"]);
        var resource = await _emulator.ResourceAsync(resourceId);
        var code = EmulatorHost.Text(resource["licenseCode"]);
        var expiry = resource["expireTime"]!.GetValue<DateTimeOffset>();

        var early = await _software.HeartbeatAsync(code);
        Assert.Equal((LicenseStates.NotActivated, 409), (early.State, early.HttpStatus));
        var unknown = await _software.HeartbeatAsync("PL000000000000000000");
        Assert.Equal((LicenseStates.Unknown, 404, "92020005"), (unknown.State, unknown.HttpStatus, unknown.MarketplaceCode));

        var activated = await _software.ActivateAsync(code);
        Assert.True(activated.IsValid, activated.Message);
        Assert.Equal(expiry.ToUnixTimeSeconds(), activated.ExpireTime!.Value.ToUnixTimeSeconds());
        Assert.Equal("CODE-M", activated.ProductId);
        Assert.True((await _software.ActivateAsync(code)).IsValid, "activating twice answers the code's state");
        var checkedOk = await _software.HeartbeatAsync(code);
        Assert.True(checkedOk.IsValid);
        Assert.False(checkedOk.Cached);

        // Expiry freezes the code: the proxy says so.
        await _emulator.AdvanceAsync(expiry - await _emulator.NowAsync() + TimeSpan.FromMinutes(1));
        var expired = await _software.HeartbeatAsync(code);
        Assert.Equal((LicenseStates.Expired, "EXPIRED", 200), (expired.State, expired.Status, expired.HttpStatus));
        Assert.False(expired.IsValid);

        await _emulator.OrderAsync(new { type = "RENEW", resourceId, periodNumber = 1 });
        var renewed = await _software.HeartbeatAsync(code);
        Assert.True(renewed.IsValid, renewed.Message);
        Assert.Equal(expiry.AddMonths(1).ToUnixTimeSeconds(), renewed.ExpireTime!.Value.ToUnixTimeSeconds());

        // The marketplace goes away: the last good answer stands in for the grace period, then a clear failure.
        await _emulator.StopAsync();
        _wallClock.Advance(TimeSpan.FromHours(23));
        var cached = await _software.HeartbeatAsync(code);
        Assert.True(cached.IsValid, cached.Message);
        Assert.True(cached.Cached);
        Assert.Equal(renewed.CheckedAt, cached.CheckedAt);
        Assert.Equal(renewed.CheckedAt!.Value.AddHours(24), cached.GraceUntil!.Value, TimeSpan.FromSeconds(1));
        Assert.Contains("cannot be reached", cached.Message);

        _wallClock.Advance(TimeSpan.FromHours(2));
        var gone = await _software.HeartbeatAsync(code);
        Assert.Equal((LicenseStates.Unavailable, 503, false), (gone.State, gone.HttpStatus, gone.Cached));
        Assert.Contains("older than the grace period", gone.Message);
    }

    [Fact]
    public async Task Online_license_devices_are_held_to_the_quantity_bought()
    {
        var order = await _emulator.OrderAsync(new { type = "NEW", customerId = "buyer-1", productId = "ONLINE-M", linearValue = 2 });
        var instanceId = EmulatorHost.Text((await _emulator.ResourceAsync(EmulatorHost.Text(order["resourceId"])))["instanceId"]);
        await _server.WaitForAsync(db => db.Instances.AsNoTracking().SingleOrDefaultAsync(i => i.InstanceId == instanceId && i.ExpireTime != null), "learn the order's expiry");

        var noFingerprint = await _software.RegisterDeviceAsync(instanceId, " ");
        Assert.Equal((LicenseStates.Refused, "000903"), (noFingerprint.State, noFingerprint.ResultCode));
        var unregistered = await _software.DeviceHeartbeatAsync(instanceId, Fingerprint);
        Assert.Equal("000903", unregistered.ResultCode);

        var first = await _software.RegisterDeviceAsync(instanceId, Fingerprint);
        Assert.True(first.IsValid, first.Message);
        Assert.Equal(2, first.Amount);
        Assert.True((await _software.RegisterDeviceAsync(instanceId, Fingerprint.ToLowerInvariant())).IsValid, "the same device registers again");
        Assert.True((await _software.RegisterDeviceAsync(instanceId, "AA:BB|DISK2||CPU2")).IsValid);
        var third = await _software.RegisterDeviceAsync(instanceId, "CC:DD|DISK3||CPU3");
        Assert.Equal((LicenseStates.Refused, "000900", 403), (third.State, third.ResultCode, third.HttpStatus));

        var daily = await _software.DeviceHeartbeatAsync(instanceId, Fingerprint);
        Assert.True(daily.IsValid);
        Assert.Equal(first.DeviceId, daily.DeviceId);

        await _software.ReleaseDeviceAsync(instanceId, "AA:BB|DISK2||CPU2");
        Assert.True((await _software.RegisterDeviceAsync(instanceId, "CC:DD|DISK3||CPU3")).IsValid, "a released place is free again");
        await using var db = _server.OpenDb();
        Assert.Equal(2, await db.Set<Server.Licensing.Proxy.OnlineLicenseDevice>().CountAsync(d => d.InstanceId == instanceId));
    }

    [Fact]
    public async Task Calls_are_limited_per_code_and_per_client()
    {
        for (var i = 0; i < 12; i++)
        {
            Assert.Equal(LicenseStates.Unknown, (await _software.HeartbeatAsync("PLSAME0000000000000")).State);
        }

        var limited = await _software.HeartbeatAsync("PLSAME0000000000000");
        Assert.Equal((LicenseStates.TooManyCalls, 429), (limited.State, limited.HttpStatus));

        for (var i = 0; i < 27; i++)
        {
            Assert.Equal(LicenseStates.Unknown, (await _software.HeartbeatAsync($"PLOTHER{i:D12}")).State);
        }

        var client = await _software.HeartbeatAsync("PLFRESH0000000000000");
        Assert.Equal((LicenseStates.TooManyCalls, 429), (client.State, client.HttpStatus));
        Assert.Contains("from this address", client.Message);
    }
}

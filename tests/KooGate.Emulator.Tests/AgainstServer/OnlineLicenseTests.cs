using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using KooGate.Emulator.Tests.Infrastructure;
using KooGate.Server.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace KooGate.Emulator.Tests.AgainstServer;

/// <summary>
/// 在线开通License (license-order-openapi.md §C.3) against the real server: the instance is created and renewed with
/// the V2 activities, a device license is requested with <c>getLicenseAsync</c>, and the server uploads the license to
/// the emulator's 字符串/文件流上传 under the event id; expiry and release follow as for SaaS V2.
/// </summary>
public sealed class OnlineLicenseTests : IAsyncLifetime
{
    private const string Fingerprint = "04:7C:16:5E:E3:5D|001B_444A_488B_5CEC.||BFEBFBFF00090672";
    private readonly FakeTimeProvider _wallClock = new(DateTimeOffset.UtcNow);
    private ServerHost _server = null!;
    private EmulatorHost _emulator = null!;

    public async Task InitializeAsync()
    {
        _emulator = await EmulatorHost.StartAsync(_wallClock);
        _server = new ServerHost(_wallClock, marketplace: _emulator.BaseAddress);
        await _emulator.AddBuyerAsync();
        foreach (var id in new[] { "ONLINE-M", "ONLINE-PRO" })
        {
            await _emulator.AddProductAsync(new
            {
                productId = id,
                chargingMode = "PERIOD",
                periodType = "month",
                price = 80m,
                interfaceVersion = "OnlineLicense",
                productionUrl = _server.ProductionUrl,
                basicKey = ServerHost.BasicKey,
            });
        }
    }

    [Fact]
    public async Task A_device_license_is_requested_and_uploaded_then_the_instance_expires_and_is_released()
    {
        var order = await _emulator.OrderAsync(new { type = "NEW", customerId = "buyer-1", productId = "ONLINE-M" });
        Assert.Equal("Completed", EmulatorHost.Text(order["status"]));
        var resourceId = EmulatorHost.Text(order["resourceId"]);
        var resource = await _emulator.ResourceAsync(resourceId);
        var instanceId = EmulatorHost.Text(resource["instanceId"]);
        var expiry = resource["expireTime"]!.GetValue<DateTimeOffset>();

        var requested = await _emulator.PostAsync($"/api/instances/{resourceId}/licenses", new { deviceFingerprint = Fingerprint });
        var eventId = EmulatorHost.Text(requested["eventId"]);
        Assert.Equal("Succeeded", EmulatorHost.Text(requested["call"]!["state"]));
        var attempt = requested["call"]!["calls"]![0]!;
        Assert.Equal("000000", EmulatorHost.Text(attempt["resultCode"]));
        var body = JsonNode.Parse(EmulatorHost.Text(attempt["request"]!["body"]))!;
        Assert.Equal("getLicenseAsync", EmulatorHost.Text(body["activity"]));
        Assert.Equal(instanceId, EmulatorHost.Text(body["instanceId"]));
        Assert.Equal(Fingerprint, EmulatorHost.Text(body["deviceFingerprint"]));
        Assert.Matches("^\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2} z$", EmulatorHost.Text(body["effectiveTime"]));
        Assert.Equal(expiry.UtcDateTime.ToString("yyyyMMddHHmmss"), EmulatorHost.Text(body["expireTime"]));

        // The server issues the license and uploads it under the event id.
        var issued = await _server.WaitForAsync(db => db.Set<AsyncLicenseRequest>().AsNoTracking()
            .SingleOrDefaultAsync(r => r.EventId == eventId && r.DeliveryStatus == LicenseDeliveryStatus.Delivered), "upload the license");
        Assert.Equal(instanceId, issued.InstanceId);
        var upload = Assert.Single((await _emulator.GetAsync($"/api/uploads?eventId={eventId}")).AsArray())!;
        if (upload["characters"] is { } characters)
        {
            Assert.Equal(issued.License, characters.GetValue<string>());
        }
        else
        {
            Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(issued.License))), EmulatorHost.Text(upload["sha256"]).ToLowerInvariant());
        }

        // License products have no upgrade.
        await _emulator.PostAsync("/api/orders", new { type = "CHANGE", resourceId, productId = "ONLINE-PRO" }, expectedStatus: 409);

        Assert.Equal("Completed", EmulatorHost.Text((await _emulator.OrderAsync(new { type = "RENEW", resourceId, periodNumber = 1 }))["status"]));
        var renewedExpiry = expiry.AddMonths(1);
        await _emulator.AdvanceAsync(renewedExpiry - await _emulator.NowAsync() + TimeSpan.FromMinutes(1));
        await using (var db = _server.OpenDb())
        {
            Assert.Equal(InstanceState.Frozen, (await db.Instances.SingleAsync(i => i.InstanceId == instanceId)).State);
        }

        await _emulator.PostAsync($"/api/instances/{resourceId}/licenses", new { deviceFingerprint = Fingerprint }, expectedStatus: 409);
        await _emulator.AdvanceAsync(TimeSpan.FromDays(15));
        await using (var db = _server.OpenDb())
        {
            Assert.Equal(InstanceState.Released, (await db.Instances.SingleAsync(i => i.InstanceId == instanceId)).State);
        }

        var calls = await _emulator.CallsAsync(resourceId);
        Assert.Equal(
            ["newInstance", "getLicenseAsync", "refreshInstance", "updateInstanceStatus", "releaseInstance"],
            calls.Select(c => EmulatorHost.Text(c!["activity"])));
        Assert.All(calls, c => Assert.Equal("Succeeded", EmulatorHost.Text(c!["state"])));
    }

    public async Task DisposeAsync()
    {
        await _emulator.DisposeAsync();
        _server.Dispose();
    }
}

using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using KooGate.Emulator.Tests.Infrastructure;
using KooGate.Server.Data;
using KooGate.Testing.Emulator;
using KooGate.Testing.Server;
using Microsoft.EntityFrameworkCore;

namespace KooGate.Emulator.Tests.AgainstServer;

/// <summary>
/// 在线开通License (license-order-openapi.md §C.3) against the real server: the instance is created and renewed with
/// the V2 activities, a device license is requested with <c>getLicenseAsync</c>, and the server uploads the license to
/// the emulator's 字符串/文件流上传 under the event id; expiry and release follow as for SaaS V2.
/// </summary>
public sealed class OnlineLicenseTests() : AgainstServerTest(serverFetchesOrders: true)
{
    private const string Fingerprint = "04:7C:16:5E:E3:5D|001B_444A_488B_5CEC.||BFEBFBFF00090672";

    protected override async Task ArrangeAsync()
    {
        foreach (var id in new[] { "ONLINE-M", "ONLINE-PRO" })
        {
            await Emulator.AddProductAsync(new
            {
                productId = id,
                chargingMode = "PERIOD",
                periodType = "month",
                price = 80m,
                interfaceVersion = "OnlineLicense",
                productionUrl = Server.ProductionUrl,
                basicKey = TestKeys.Basic,
            });
        }
    }

    [Fact]
    public async Task A_device_license_is_requested_and_uploaded_then_the_instance_expires_and_is_released()
    {
        var order = await Emulator.OrderAsync(new { type = "NEW", customerId = "buyer-1", productId = "ONLINE-M" });
        Assert.Equal("Completed", EmulatorHost.Text(order["status"]));
        var resourceId = EmulatorHost.Text(order["resourceId"]);
        var resource = await Emulator.ResourceAsync(resourceId);
        var instanceId = EmulatorHost.Text(resource["instanceId"]);
        var expiry = resource["expireTime"]!.GetValue<DateTimeOffset>();

        var requested = await Emulator.PostAsync($"/api/instances/{resourceId}/licenses", new { deviceFingerprint = Fingerprint });
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
        var issued = await Server.WaitForAsync(db => db.Set<AsyncLicenseRequest>().AsNoTracking()
            .SingleOrDefaultAsync(r => r.EventId == eventId && r.DeliveryStatus == LicenseDeliveryStatus.Delivered), "upload the license");
        Assert.Equal(instanceId, issued.InstanceId);
        var upload = Assert.Single((await Emulator.GetAsync($"/api/uploads?eventId={eventId}")).AsArray())!;
        if (upload["characters"] is { } characters)
        {
            Assert.Equal(issued.License, characters.GetValue<string>());
        }
        else
        {
            Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(issued.License))), EmulatorHost.Text(upload["sha256"]).ToLowerInvariant());
        }

        // License products have no upgrade.
        await Emulator.PostAsync("/api/orders", new { type = "CHANGE", resourceId, productId = "ONLINE-PRO" }, expectedStatus: 409);

        Assert.Equal("Completed", EmulatorHost.Text((await Emulator.OrderAsync(new { type = "RENEW", resourceId, periodNumber = 1 }))["status"]));
        var renewedExpiry = expiry.AddMonths(1);
        await Emulator.AdvanceAsync(renewedExpiry - await Emulator.NowAsync() + TimeSpan.FromMinutes(1));
        await using (var db = Server.OpenDb())
        {
            Assert.Equal(InstanceState.Frozen, (await db.Instances.SingleAsync(i => i.InstanceId == instanceId)).State);
        }

        await Emulator.PostAsync($"/api/instances/{resourceId}/licenses", new { deviceFingerprint = Fingerprint }, expectedStatus: 409);
        await Emulator.AdvanceAsync(TimeSpan.FromDays(15));
        await using (var db = Server.OpenDb())
        {
            Assert.Equal(InstanceState.Released, (await db.Instances.SingleAsync(i => i.InstanceId == instanceId)).State);
        }

        var calls = await Emulator.CallsAsync(resourceId);
        Assert.Equal(
            ["newInstance", "getLicenseAsync", "refreshInstance", "updateInstanceStatus", "releaseInstance"],
            calls.Select(c => EmulatorHost.Text(c!["activity"])));
        Assert.All(calls, c => Assert.Equal("Succeeded", EmulatorHost.Text(c!["state"])));
    }
}

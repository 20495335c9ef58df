using KooGate.Server.Data;
using KooGate.Server.Tests.Infrastructure;
using KooGate.Testing.Server;
using Microsoft.EntityFrameworkCore;

namespace KooGate.Server.Tests.Licensing;

/// <summary>getLicenseAsync licenses reach the marketplace through the signed 字符串/文件流上传 under their eventId.</summary>
public sealed class AsyncLicenseUploadTests : IAsyncLifetime
{
    private StubMarketplace _stub = null!;
    private KooGateHost _host = null!;

    public async Task InitializeAsync()
    {
        KooGateHost? host = null;
        _stub = await StubMarketplace.StartAsync(() => host!.Clock.GetUtcNow());
        host = _host = new KooGateHost(settings: _stub.ServerSettings());
    }

    public async Task DisposeAsync()
    {
        _host.Dispose();
        await _stub.DisposeAsync();
    }

    [Fact]
    public async Task An_issued_license_is_uploaded_once_and_marked_delivered()
    {
        var marketplace = new MarketplaceClient(_host);
        Assert.Equal("000000", (await marketplace.PostAsync(new { activity = "newInstance", businessId = "online-u", orderId = "ON-U", orderLineId = "ON-U-1" })).ResultCode);
        var request = new { activity = "getLicenseAsync", instanceId = "online-u", eventId = "EV-U1", deviceFingerprint = "MAC|DISK", effectiveTime = "2023-10-27 10:30:15 z" };
        Assert.Equal("000000", (await marketplace.PostAsync(request, TestKeys.License)).ResultCode);

        AsyncLicenseRequest? delivered = null;
        await Eventually.UntilAsync(
            async () =>
            {
                await using var db = _host.OpenDb();
                delivered = await db.Set<AsyncLicenseRequest>().AsNoTracking().SingleAsync();
                return delivered.DeliveryStatus == LicenseDeliveryStatus.Delivered;
            },
            "license delivered",
            () => _host.Clock.Advance(TimeSpan.FromMilliseconds(200)));

        var (eventId, body, verified) = Assert.Single(_stub.Uploads);
        Assert.True(verified);
        Assert.Equal("EV-U1", eventId);
        Assert.Contains(delivered!.License.Length <= 1024 ? delivered.License : "license.jws", body, StringComparison.Ordinal);

        // A retried request returns the same license and uploads nothing new.
        Assert.Equal("000000", (await marketplace.PostAsync(request, TestKeys.License)).ResultCode);
        _host.Clock.Advance(TimeSpan.FromSeconds(5));
        await Task.Delay(300);
        Assert.Single(_stub.Uploads);
    }
}

using KooGate.Server.Data;
using KooGate.Server.Tests.Infrastructure;
using KooGate.Testing.Server;
using Microsoft.EntityFrameworkCore;

namespace KooGate.Server.Tests.License;

public sealed class LicenseCodeTests : IDisposable
{
    private readonly KooGateHost _host = new();
    private readonly MarketplaceClient _marketplace;

    public LicenseCodeTests() => _marketplace = new MarketplaceClient(_host);

    public void Dispose() => _host.Dispose();

    private Task<ProduceReply> PostAsync(object body, string key = TestKeys.License) => _marketplace.PostAsync(body, key);

    private async Task<LicenseCodeRecord?> CodeAsync(string code)
    {
        using var db = _host.OpenDb();
        return await db.Set<LicenseCodeRecord>().AsNoTracking().SingleOrDefaultAsync(c => c.Code == code);
    }

    private static object Refresh(string orderLineId, string expireTime, string? testFlag = null) => new
    {
        activity = "refreshLicenseCode",
        expireTime,
        license = "PL-0001",
        orderId = "RENEW-1",
        orderLineId,
        productId = "P-2",
        scene = "RENEWAL",
        testFlag = testFlag ?? "0",
    };

    [Fact]
    public async Task Renewal_is_verified_with_the_license_key_recorded_on_first_sight_and_applied_once_per_order_line()
    {
        var probe = await PostAsync(Refresh("RENEW-1-000001", "20300101000000", testFlag: "1"));
        Assert.Equal("000000", probe.ResultCode);
        Assert.Null(await CodeAsync("PL-0001"));

        var first = await PostAsync(Refresh("RENEW-1-000001", "20300101000000"));
        Assert.True(first.ResultCode == "000000", first.Body);
        Assert.True(Protocol.Signing.BodySign.Verify(TestKeys.License, first.Http.Headers.GetValues("Body-Sign").Single(), System.Text.Encoding.UTF8.GetBytes(first.Body)));
        Assert.Equal("000000", (await PostAsync(Refresh("RENEW-1-000001", "20400101000000"))).ResultCode);
        var code = await CodeAsync("PL-0001");
        Assert.Equal((LicenseCodeState.Active, new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero), "P-2"), (code!.State, code.ExpireTime, code.ProductId));

        Assert.Equal("000001", (await PostAsync(Refresh("RENEW-1-000002", "20400101000000"), TestKeys.Basic)).ResultCode);
        Assert.Equal("000002", (await PostAsync(new { activity = "refreshLicenseCode", license = "PL-0001", scene = "RENEWAL" })).ResultCode);
        using var db = _host.OpenDb();
        Assert.Equal(1, await db.InstanceEvents.CountAsync(e => e.InstanceId == "PL-0001" && e.Type == "renewed"));
    }

    [Fact]
    public async Task Status_and_release_are_idempotent_and_a_released_code_cannot_come_back()
    {
        Assert.Equal("000000", (await PostAsync(new { activity = "updateLicenseCodeStatus", license = "PL-0002", status = "FREEZE", testFlag = "0" })).ResultCode);
        Assert.Equal("000000", (await PostAsync(new { activity = "updateLicenseCodeStatus", license = "PL-0002", status = "FREEZE" })).ResultCode);
        Assert.Equal(LicenseCodeState.Frozen, (await CodeAsync("PL-0002"))!.State);
        Assert.Equal("000000", (await PostAsync(new { activity = "updateLicenseCodeStatus", license = "PL-0002", status = "UNFREEZE" })).ResultCode);
        Assert.Equal(LicenseCodeState.Active, (await CodeAsync("PL-0002"))!.State);
        Assert.Equal("000002", (await PostAsync(new { activity = "updateLicenseCodeStatus", license = "PL-0002", status = "PAUSE" })).ResultCode);

        var release = new { activity = "releaseLicenseCode", license = "PL-0002", orderId = "UNSUB-1", orderLineId = "UNSUB-1-000001" };
        Assert.Equal("000000", (await PostAsync(release)).ResultCode);
        Assert.Equal("000000", (await PostAsync(release)).ResultCode);
        Assert.Equal(LicenseCodeState.Released, (await CodeAsync("PL-0002"))!.State);
        Assert.Equal("000003", (await PostAsync(new { activity = "updateLicenseCodeStatus", license = "PL-0002", status = "UNFREEZE" })).ResultCode);
        Assert.Equal("000003", (await PostAsync(new
        {
            activity = "refreshLicenseCode",
            expireTime = "20300101000000",
            license = "PL-0002",
            orderId = "R",
            orderLineId = "R-1",
            scene = "RENEWAL",
        })).ResultCode);

        using var db = _host.OpenDb();
        Assert.Equal(["frozen", "unfrozen", "released"], await db.InstanceEvents.Where(e => e.InstanceId == "PL-0002").OrderBy(e => e.Id).Select(e => e.Type).ToListAsync());
    }

    [Fact]
    public async Task Online_license_requests_get_one_license_per_event_and_fingerprint_with_either_key()
    {
        Assert.Equal("000000", (await _marketplace.PostAsync(new { activity = "newInstance", businessId = "online-1", orderId = "ON-1", orderLineId = "ON-1-000001" })).ResultCode);
        static object Request(string eventId, string fingerprint) => new
        {
            activity = "getLicenseAsync",
            instanceId = "online-1",
            eventId,
            deviceFingerprint = fingerprint,
            effectiveTime = "2023-10-27 10:30:15 z",
        };

        Assert.Equal("000000", (await PostAsync(Request("EV-1", "04:7C:16:5E:E3:5D|DISK||CPU"))).ResultCode);
        Assert.Equal("000000", (await PostAsync(Request("EV-1", "04:7C:16:5E:E3:5D|DISK||CPU"), TestKeys.Basic)).ResultCode);
        Assert.Equal("000000", (await PostAsync(Request("EV-1", "OTHER|DEVICE||"))).ResultCode);
        Assert.Equal("000003", (await PostAsync(new { activity = "getLicenseAsync", instanceId = "nope", eventId = "EV-2", effectiveTime = "2023-10-27 10:30:15 z" })).ResultCode);
        Assert.Equal("000001", (await PostAsync(Request("EV-3", "X"), TestKeys.General)).ResultCode);

        using var db = _host.OpenDb();
        var requests = await db.Set<AsyncLicenseRequest>().OrderBy(r => r.DeviceFingerprint).ToListAsync();
        Assert.Equal(2, requests.Count);
        Assert.All(requests, r => Assert.Equal(LicenseDeliveryStatus.Pending, r.DeliveryStatus));
        Assert.NotEqual(requests[0].License, requests[1].License);
    }
}

using System.Net;
using KooGate.Client.Events;
using KooGate.Server.Data;
using KooGate.Testing.Databases;
using Microsoft.EntityFrameworkCore;

namespace Tenants.Sample.Tests;

/// <summary>
/// 查询订单 fails long enough to be marked failed; KooGate keeps trying on the slower failed-fetch backoff, and once the
/// open API recovers the purchase reaches the sample app through <c>instance.order_details</c>.
/// </summary>
public sealed class OrderDetailsRecoveryTests() : TenantsTest(DatabaseKind.Sqlite)
{
    protected override IReadOnlyDictionary<string, string> MoreServerSettings => new Dictionary<string, string>
    {
        ["KooGate:Webhook:OrderDetailsWaitSeconds"] = "5",
        ["KooGate:Marketplace:FetchMaxAttempts"] = "2",
        ["KooGate:Marketplace:FetchFirstRetrySeconds"] = "1",
        ["KooGate:Marketplace:FetchMaxRetrySeconds"] = "1",
        ["KooGate:Marketplace:FailedFetchFirstRetrySeconds"] = "20",
        ["KooGate:Marketplace:FailedFetchMaxRetrySeconds"] = "20",
    };

    [Fact]
    public async Task A_failed_order_fetch_is_retried_and_its_details_reach_the_app_when_the_open_API_recovers()
    {
        // HTTP 500 is KooGallery's answer to business errors too, so the client does not retry it on the wire.
        using (var faults = new StringContent("""{"serverError":500}""", System.Text.Encoding.UTF8, "application/json"))
        {
            (await Emulator.Http.PutAsync("/api/faults", faults)).EnsureSuccessStatusCode();
        }

        var (_, instanceId) = await BuyAsync("TEAM-M", quantity: 20);
        var tenant = await TenantAsync(instanceId, t => Text(t, "state") == "active", "instance.created without the order");
        Assert.Equal((null, null, null), (Text(tenant, "customerName"), Text(tenant, "skuCode"), Quantity(tenant)));
        var failed = await Server.WaitForAsync(db => db.Orders.AsNoTracking().FirstOrDefaultAsync(o => o.Status == OrderFetchStatus.Failed), "the fetch marked failed");
        Assert.Equal(2, failed.Attempts);

        Assert.Equal(HttpStatusCode.NoContent, (await Emulator.Http.DeleteAsync("/api/faults")).StatusCode);
        tenant = await TenantAsync(instanceId, t => Quantity(t) == 20m, "the details after the open API recovered");
        Assert.Equal((CustomerName, "TEAM-M-SKU", EventTypes.InstanceOrderDetails), (Text(tenant, "customerName"), Text(tenant, "skuCode"), Text(tenant, "lastEvent")));
        await using var db = Server.OpenDb();
        Assert.Equal(OrderFetchStatus.Fetched, (await db.Orders.AsNoTracking().SingleAsync()).Status);
    }
}

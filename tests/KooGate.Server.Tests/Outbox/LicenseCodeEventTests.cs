using System.Text.Json;
using KooGate.Server.Data;
using KooGate.Server.Tests.Infrastructure;
using KooGate.Testing.Server;
using Microsoft.EntityFrameworkCore;

namespace KooGate.Server.Tests.Outbox;

/// <summary>
/// licenseCode.* events name the code's product (the latest renewal's) and, once KooGate knows one of the code's orders
/// (orderNotify and 查询订单), its SKU, also on the freeze and release that carry no product of their own.
/// </summary>
public sealed class LicenseCodeEventTests : IAsyncLifetime
{
    private WebhookTestHost _t = null!;

    public async Task InitializeAsync() => _t = await WebhookTestHost.StartAsync();

    public async Task DisposeAsync() => await _t.DisposeAsync();

    private Task<ProduceReply> PostAsync(object body) => _t.Marketplace.PostAsync(body, TestKeys.License);

    private static object Refresh(string license, string orderId) => new
    {
        activity = "refreshLicenseCode",
        expireTime = "20300101000000",
        license,
        orderId,
        orderLineId = orderId + "-1",
        productId = "P-2",
        scene = "RENEWAL",
        testFlag = "0",
    };

    private async Task<List<JsonElement>> DataAsync(string license)
    {
        await using var db = _t.Host.OpenDb();
        var payloads = await db.Outbox.AsNoTracking().Where(m => m.InstanceId == license).OrderBy(m => m.Sequence).Select(m => m.Payload).ToListAsync();
        return [.. payloads.Select(p => JsonDocument.Parse(p).RootElement.GetProperty("data").Clone())];
    }

    private static (string? ProductId, string? SkuCode) Product(JsonElement data) =>
        (data.GetProperty("productId").GetString(), data.GetProperty("skuCode").GetString());

    [Fact]
    public async Task Every_license_code_event_names_the_codes_product_and_its_SKU_once_an_order_of_it_is_known()
    {
        // The renewal order was notified and fetched before the renewal call (as orderNotify and 查询订单 leave it).
        await using (var db = _t.Host.OpenDb())
        {
            db.Orders.Add(new OrderDetails
            {
                OrderId = "RENEW-9",
                OrderLineId = "RENEW-9-1",
                Status = OrderFetchStatus.Fetched,
                ProductId = "P-2",
                SkuCode = "SKU-GOLD",
                CreateTime = _t.Host.Clock.GetUtcNow(),
                NextAttemptAt = _t.Host.Clock.GetUtcNow(),
            });
            await db.SaveChangesAsync();
        }

        Assert.Equal("000000", (await PostAsync(Refresh("PL-0009", "RENEW-9"))).ResultCode);
        Assert.Equal("000000", (await PostAsync(new { activity = "updateLicenseCodeStatus", license = "PL-0009", status = "FREEZE", testFlag = "0" })).ResultCode);
        Assert.Equal("000000", (await PostAsync(new { activity = "releaseLicenseCode", license = "PL-0009", orderId = "UNSUB-9", orderLineId = "UNSUB-9-1" })).ResultCode);
        var events = await DataAsync("PL-0009");
        Assert.Equal(3, events.Count);
        Assert.All(events, e => Assert.Equal(("P-2", "SKU-GOLD"), Product(e)));

        // A code none of whose orders KooGate knows: the product its renewal named, no SKU.
        Assert.Equal("000000", (await PostAsync(Refresh("PL-0010", "RENEW-10"))).ResultCode);
        Assert.Equal(("P-2", (string?)null), Product(Assert.Single(await DataAsync("PL-0010"))));

        var delivered = await _t.Receiver.NextAsync();
        var typed = new Client.Events.WebhookVerifier(WebhookTestHost.Secret, _t.Host.Clock).ConstructEvent(delivered.Headers, delivered.Body);
        var renewed = Assert.IsType<Client.Events.WebhookEvent<Client.Events.LicenseCodeChanged>>(typed);
        Assert.Equal(("PL-0009", "P-2", "SKU-GOLD"), (renewed.Data.License, renewed.Data.ProductId, renewed.Data.SkuCode));
    }
}

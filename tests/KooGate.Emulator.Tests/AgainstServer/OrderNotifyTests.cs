using System.Net.Http.Json;
using KooGate.Emulator.Tests.Infrastructure;
using KooGate.Server.Data;
using KooGate.Testing.Emulator;
using KooGate.Testing.Server;
using Microsoft.EntityFrameworkCore;

namespace KooGate.Emulator.Tests.AgainstServer;

/// <summary>
/// 订单通知 (license-order-openapi.md §D.1): every order of a product with an order-notification address is announced
/// with a signed <c>orderNotify</c>; the real server records it and fetches 查询订单 from the emulator. A notification
/// that keeps failing is retried hourly for 3 hours, never fails the order, and can be restarted by hand.
/// </summary>
public sealed class OrderNotifyTests() : AgainstServerTest(serverFetchesOrders: true)
{
    protected override async Task ArrangeAsync()
    {
        await Emulator.AddProductAsync(Product("CODE-N", TestKeys.General));
        await Emulator.AddProductAsync(Product("CODE-BAD", "not-the-general-key"));
    }

    /// <summary>License-code products have no create call: the notification is how the seller hears of the order.</summary>
    private object Product(string id, string generalKey) => new
    {
        productId = id,
        chargingMode = "PERIOD",
        periodType = "month",
        price = 30m,
        interfaceVersion = "LicenseCode",
        productionUrl = Server.ProductionUrl,
        licenseKey = TestKeys.License,
        orderNotifyUrl = Server.ProductionUrl,
        generalKey,
    };

    [Fact]
    public async Task Purchase_and_renewal_are_notified_and_the_server_fetches_both_orders()
    {
        var order = await Emulator.OrderAsync(new { type = "NEW", customerId = "buyer-1", productId = "CODE-N" });
        var orderId = EmulatorHost.Text(order["orderId"]);
        var resourceId = EmulatorHost.Text(order["resourceId"]);
        var notify = Assert.Single(await Emulator.CallsAsync(resourceId))!;
        Assert.Equal("orderNotify", EmulatorHost.Text(notify["activity"]));
        Assert.Equal("Succeeded", EmulatorHost.Text(notify["state"]));
        var attempt = notify["calls"]![0]!;
        Assert.Matches("signature=[0-9A-F]{64}&timestamp=\\d{13}&nonce=[0-9A-F]{64}$", EmulatorHost.Text(attempt["request"]!["url"]));
        Assert.Equal(
            $"{{\"activity\":\"orderNotify\",\"orderId\":\"{orderId}\",\"orderLineId\":\"{EmulatorHost.Text(order["lines"]![0]!["orderLineId"])}\",\"testFlag\":\"0\"}}",
            EmulatorHost.Text(attempt["request"]!["body"]));

        var fetched = await Server.WaitForAsync(db => db.Orders.AsNoTracking().SingleOrDefaultAsync(o => o.OrderId == orderId && o.Status == OrderFetchStatus.Fetched), "fetch the new order");
        Assert.Equal("NEW", fetched.OrderType);
        Assert.Equal("CODE-N", fetched.ProductId);
        Assert.Equal("buyer-1", fetched.CustomerId);

        var renewal = await Emulator.OrderAsync(new { type = "RENEW", resourceId, periodNumber = 1 });
        var renewalId = EmulatorHost.Text(renewal["orderId"]);
        var calls = await Emulator.CallsAsync(resourceId);
        Assert.Equal(["orderNotify", "refreshLicenseCode", "orderNotify"], calls.Select(c => EmulatorHost.Text(c!["activity"])));
        Assert.All(calls, c => Assert.Equal("000000", EmulatorHost.Text(c!["calls"]![0]!["resultCode"])));
        var renewed = await Server.WaitForAsync(db => db.Orders.AsNoTracking().SingleOrDefaultAsync(o => o.OrderId == renewalId && o.Status == OrderFetchStatus.Fetched), "fetch the renewal");
        Assert.Equal("RENEW", renewed.OrderType);
    }

    [Fact]
    public async Task A_refused_notification_is_retried_hourly_for_three_hours_then_restarted_by_hand()
    {
        var order = await Emulator.OrderAsync(new { type = "NEW", customerId = "buyer-1", productId = "CODE-BAD" });
        var orderId = EmulatorHost.Text(order["orderId"]);
        var resourceId = EmulatorHost.Text(order["resourceId"]);
        await Emulator.AdvanceAsync(TimeSpan.FromHours(4));

        var notify = Assert.Single(await Emulator.CallsAsync(resourceId))!;
        Assert.Equal("Failed", EmulatorHost.Text(notify["state"]));
        var attempts = notify["calls"]!.AsArray();
        Assert.Equal(4, attempts.Count);
        Assert.All(attempts, a => Assert.Equal("000001", EmulatorHost.Text(a!["resultCode"])));
        Assert.All(attempts, a => Assert.Equal("business-error", EmulatorHost.Text(a!["verdict"])));
        var times = attempts.Select(a => a!["at"]!.GetValue<DateTimeOffset>()).ToList();
        Assert.All(times.Zip(times.Skip(1)), pair => Assert.InRange(pair.Second - pair.First, TimeSpan.FromMinutes(59), TimeSpan.FromMinutes(61)));
        // The order itself is unaffected: a notification is not a delivery.
        Assert.Equal("Completed", EmulatorHost.Text((await Emulator.GetAsync($"/api/orders/{orderId}"))["status"]));

        // The seller binds the right key and presses 重新启动.
        using var put = await Emulator.Http.PutAsJsonAsync("/api/products/CODE-BAD", Product("CODE-BAD", TestKeys.General));
        put.EnsureSuccessStatusCode();
        await Emulator.PostAsync($"/api/calls/{notify["id"]}/restart", new { });
        notify = Assert.Single(await Emulator.CallsAsync(resourceId))!;
        Assert.Equal("Succeeded", EmulatorHost.Text(notify["state"]));
        await Server.WaitForAsync(db => db.Orders.AsNoTracking().SingleOrDefaultAsync(o => o.OrderId == orderId && o.Status == OrderFetchStatus.Fetched), "fetch the order");
    }
}

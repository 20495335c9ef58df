using KooGate.Server.Data;
using KooGate.Server.Tests.Infrastructure;
using KooGate.Testing.Server;
using Microsoft.EntityFrameworkCore;

namespace KooGate.Server.Tests.OrderNotify;

public sealed class OrderNotifyTests : IDisposable
{
    private readonly KooGateHost _host = new(settings: new Dictionary<string, string?> { ["KooGate:Webhook:Url"] = "http://127.0.0.1:9/hook" });
    private readonly MarketplaceClient _marketplace;

    public OrderNotifyTests() => _marketplace = new MarketplaceClient(_host);

    public void Dispose() => _host.Dispose();

    private static object Notify(string testFlag = "0") =>
        new { activity = "orderNotify", orderId = "CS2211181819B4LVS", orderLineId = "CS2211181819B4LVS-000001", testFlag };

    [Fact]
    public async Task Notification_queues_one_pending_order_fetch_and_one_hand_off_however_often_it_arrives()
    {
        _ = _host.Http; // starts (and migrates) once, before the concurrent calls
        var replies = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => Task.Run(() => _marketplace.PostAsync(Notify(), TestKeys.General))));
        Assert.All(replies, r => Assert.True(r.ResultCode == "000000", r.Body));
        Assert.Equal("000000", (await _marketplace.PostAsync(Notify(), TestKeys.General)).ResultCode);

        using var db = _host.OpenDb();
        var order = await db.Orders.SingleAsync();
        Assert.Equal(("CS2211181819B4LVS", "CS2211181819B4LVS-000001", OrderFetchStatus.Pending), (order.OrderId, order.OrderLineId, order.Status));
        Assert.True(order.NextAttemptAt <= _host.Clock.GetUtcNow());
        var message = await db.Outbox.SingleAsync();
        Assert.Equal("order.notified", message.Type);
        Assert.Contains("CS2211181819B4LVS-000001", message.Payload, StringComparison.Ordinal);
        Assert.Equal("general", (await db.CallbackLogs.FirstAsync()).Family);
    }

    [Fact]
    public async Task Only_the_general_key_verifies_probes_store_nothing_and_bad_bodies_name_the_field()
    {
        Assert.Equal("000001", (await _marketplace.PostAsync(Notify(), TestKeys.Basic)).ResultCode);
        Assert.Equal("000001", (await _marketplace.PostAsync(Notify(), TestKeys.License)).ResultCode);
        Assert.Equal("000000", (await _marketplace.PostAsync(Notify(testFlag: "1"), TestKeys.General)).ResultCode);
        var missing = await _marketplace.PostAsync(new { activity = "orderNotify", orderId = "CS1" }, TestKeys.General);
        Assert.Equal("000002", missing.ResultCode);
        Assert.Contains("orderLineId", missing.ResultMsg, StringComparison.Ordinal);

        using var db = _host.OpenDb();
        Assert.Equal(0, await db.Orders.CountAsync());
        Assert.Equal(0, await db.Outbox.CountAsync());
    }
}

using System.Diagnostics;
using KooGate.Protocol.Signing;
using KooGate.Server.Data;
using KooGate.Server.Tests.Infrastructure;
using KooGate.Testing.Server;
using Microsoft.EntityFrameworkCore;

namespace KooGate.Server.Tests.Orders;

/// <summary>查询订单 in the background: recorded orders are fetched APIG-signed, stored, and retried on failure.</summary>
public sealed class OrderFetchTests : IAsyncLifetime
{
    private const string OrderJson = """
        {"resultCode":"MKT.0000","resultMsg":"success","orderInfo":{"orderId":"ORDER-F1","orderType":"NEW","createTime":"20261123100000",
         "buyerInfo":{"customerId":"cust-7","customerName":"Acme","mobilePhone":"13800000000","email":"a@acme.example"},
         "orderLine":[{"orderLineId":"ORDER-F1-1","chargingMode":"PERIOD","periodType":"month","periodNumber":3,"expireTime":"20270223100000",
           "productInfo":[{"productId":"OFFI-1","skuCode":"sku-gold","productName":"Gold"}]}]}}
        """;

    private StubMarketplace _stub = null!;
    private KooGateHost _host = null!;
    private MarketplaceClient _marketplace = null!;

    public async Task InitializeAsync()
    {
        KooGateHost? host = null;
        _stub = await StubMarketplace.StartAsync(() => host!.Clock.GetUtcNow());
        host = _host = new KooGateHost(settings: _stub.ServerSettings(
            ("KooGate:Marketplace:FetchMaxAttempts", "2"),
            ("KooGate:Marketplace:FetchFirstRetrySeconds", "1")));
        _marketplace = new MarketplaceClient(_host);
    }

    public async Task DisposeAsync()
    {
        _host.Dispose();
        await _stub.DisposeAsync();
    }

    private Task<ProduceReply> CreateAsync(string orderId) =>
        _marketplace.PostAsync(new { activity = "newInstance", businessId = "biz-" + orderId, orderId, orderLineId = orderId + "-1" });

    private async Task<OrderDetails> WaitForOrderAsync(string orderId, Func<OrderDetails, bool> condition, string what)
    {
        OrderDetails? found = null;
        await Eventually.UntilAsync(
            async () =>
            {
                await using var db = _host.OpenDb();
                found = await db.Orders.AsNoTracking().FirstOrDefaultAsync(o => o.OrderId == orderId);
                return found is not null && condition(found);
            },
            what,
            // Small steps: the HTTP layer's timeouts run on the same fake clock.
            () => _host.Clock.Advance(TimeSpan.FromMilliseconds(200)));
        return found!;
    }

    [Fact]
    public async Task A_created_order_is_fetched_signed_and_its_details_stored_on_order_and_instance()
    {
        _stub.Reply = id => id == "ORDER-F1" ? (200, OrderJson) : (200, """{"resultCode":"MKT.1001","resultMsg":"no"}""");
        Assert.Equal("000000", (await CreateAsync("ORDER-F1")).ResultCode);

        var order = await WaitForOrderAsync("ORDER-F1", o => o.Status == OrderFetchStatus.Fetched, "order fetched");
        Assert.All(_stub.Calls, c => Assert.Equal(ApigVerdict.Valid, c.Verdict));
        Assert.Equal(("NEW", "OFFI-1", "sku-gold", "PERIOD", "month", 3), (order.OrderType, order.ProductId, order.SkuCode, order.ChargingMode, order.PeriodType, order.PeriodNumber));
        Assert.Equal(new DateTimeOffset(2027, 2, 23, 10, 0, 0, TimeSpan.Zero), order.ExpireTime);
        Assert.Equal(("cust-7", "Acme"), (order.CustomerId, order.CustomerName));
        Assert.DoesNotContain("13800000000", order.ResponseJson, StringComparison.Ordinal);
        Assert.DoesNotContain("a@acme.example", order.ResponseJson, StringComparison.Ordinal);

        await using var db = _host.OpenDb();
        var instance = await db.Instances.SingleAsync(i => i.InstanceId == "biz-ORDER-F1");
        Assert.Equal(("OFFI-1", "sku-gold", "PERIOD"), (instance.ProductId, instance.SkuCode, instance.ChargingMode));
        Assert.Equal(order.ExpireTime, instance.ExpireTime);
    }

    [Fact]
    public async Task A_hanging_open_api_does_not_delay_the_callback()
    {
        _stub.Gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _stub.Reply = _ => (200, OrderJson);
        var started = Stopwatch.StartNew();
        var reply = await CreateAsync("ORDER-F1");
        Assert.Equal("000000", reply.ResultCode);
        await Eventually.UntilAsync(() => Task.FromResult(!_stub.Calls.IsEmpty), "fetch started", () => _host.Clock.Advance(TimeSpan.FromMilliseconds(200)));
        Assert.True(started.Elapsed < TimeSpan.FromSeconds(5), $"callback took {started.Elapsed}");
        _stub.Gate.SetResult();
        await WaitForOrderAsync("ORDER-F1", o => o.Status == OrderFetchStatus.Fetched, "order fetched after the hold");
    }

    [Fact]
    public async Task A_business_error_is_retried_after_backoff_then_marked_failed()
    {
        Assert.Equal("000000", (await CreateAsync("ORDER-F2")).ResultCode);
        var first = await WaitForOrderAsync("ORDER-F2", o => o.Attempts == 1 && o.LastError is not null, "first failure");
        Assert.Equal(OrderFetchStatus.Pending, first.Status);
        Assert.Contains("MKT.1001", first.LastError, StringComparison.Ordinal);

        var failed = await WaitForOrderAsync("ORDER-F2", o => o.Status == OrderFetchStatus.Failed, "failed after max attempts");
        Assert.Equal(2, failed.Attempts);
        Assert.Equal(2, _stub.Calls.Count(c => c.OrderId == "ORDER-F2"));
    }

    [Fact]
    public async Task Debug_calls_record_no_order()
    {
        var reply = await _marketplace.PostAsync(new { activity = "newInstance", businessId = "biz-t", orderId = "ORDER-T", orderLineId = "ORDER-T-1", testFlag = "1" });
        Assert.Equal("000000", reply.ResultCode);
        await using var db = _host.OpenDb();
        Assert.False(await db.Orders.AnyAsync());
    }
}

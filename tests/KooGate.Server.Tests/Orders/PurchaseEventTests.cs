using KooGate.Client.Events;
using KooGate.Server.Data;
using KooGate.Server.Tests.Infrastructure;
using KooGate.Testing.Server;
using Microsoft.EntityFrameworkCore;

namespace KooGate.Server.Tests.Orders;

/// <summary>
/// The purchase reaches the seller's app through the events: V2 creates wait for 查询订单, orderNotify may come
/// first, late details follow as instance.order_details, and an older order never overwrites a newer one.
/// </summary>
public sealed class PurchaseEventTests : IAsyncLifetime
{
    private StubMarketplace _stub = null!;
    private WebhookReceiver _receiver = null!;
    private KooGateHost _host = null!;
    private MarketplaceClient _marketplace = null!;
    private WebhookVerifier _verifier = null!;

    public async Task InitializeAsync()
    {
        KooGateHost? host = null;
        _stub = await StubMarketplace.StartAsync(() => host!.Clock.GetUtcNow());
        _receiver = await WebhookReceiver.StartAsync();
        host = _host = new KooGateHost(settings: _stub.ServerSettings(
            ("KooGate:Webhook:Url", _receiver.Url),
            ("KooGate:Webhook:Secret", Outbox.WebhookTestHost.Secret),
            ("KooGate:Webhook:OrderDetailsWaitSeconds", "20"),
            ("KooGate:Marketplace:FetchFirstRetrySeconds", "1"),
            ("KooGate:Marketplace:FetchMaxRetrySeconds", "1"),
            ("KooGate:Marketplace:FetchMaxAttempts", "1000")));
        _marketplace = new MarketplaceClient(_host);
        _verifier = new WebhookVerifier(Outbox.WebhookTestHost.Secret, _host.Clock);
    }

    public async Task DisposeAsync()
    {
        _host.Dispose();
        await _receiver.DisposeAsync();
        await _stub.DisposeAsync();
    }

    private static string Order(string orderId, string type, string sku, decimal quantity, string created, string expire = "20270223100000") => $$$"""
        {"resultCode":"MKT.0000","resultMsg":"success","orderInfo":{"orderId":"{{{orderId}}}","orderType":"{{{type}}}","createTime":"{{{created}}}",
         "buyerInfo":{"customerId":"cust-7","customerName":"Acme Ltd","mobilePhone":"13800000000","email":"a@acme.example"},
         "extendParams":[{"name":"region","value":"cn-north-4"}],
         "orderLine":[{"orderLineId":"{{{orderId}}}-1","chargingMode":"PERIOD","periodType":"month","periodNumber":3,"expireTime":"{{{expire}}}",
           "amountAfterDiscount":90.5,"productInfo":[{"productId":"OFFI-1","skuCode":"{{{sku}}}","linearValue":{{{quantity}}},"productName":"Gold"}]}]}}
        """;

    private Task<ProduceReply> CreateAsync(string orderId) =>
        _marketplace.PostAsync(new { activity = "newInstance", businessId = "biz-" + orderId, orderId, orderLineId = orderId + "-1" });

    private Task<ProduceReply> NotifyAsync(string orderId) =>
        _marketplace.PostAsync(new { activity = "orderNotify", orderId, orderLineId = orderId + "-1", testFlag = "0" }, TestKeys.General);

    private Task<ProduceReply> UpgradeAsync(string instanceId, string orderId) =>
        _marketplace.PostAsync(new { activity = "upgradeInstance", instanceId, orderId, orderLineId = orderId + "-1" });

    /// <summary>The next delivery of one of <paramref name="types"/>, verified and typed (others are skipped).</summary>
    private async Task<WebhookEvent<T>> NextAsync<T>(string type)
        where T : class
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (DateTime.UtcNow < deadline)
        {
            if (_receiver.TryTake(out var hook))
            {
                var received = _verifier.ConstructEvent(hook!.Headers, hook.Body);
                if (received.Type == type)
                {
                    return Assert.IsType<WebhookEvent<T>>(received);
                }

                continue;
            }

            _host.Clock.Advance(TimeSpan.FromMilliseconds(200));
            await Task.Delay(20);
        }

        throw new Xunit.Sdk.XunitException($"no {type} event arrived");
    }

    [Fact]
    public async Task A_V2_create_announces_the_purchase_once_查询订单_answers()
    {
        _stub.Reply = id => (200, Order(id, "NEW", "sku-gold", 20, "20261123100000"));
        Assert.Equal("000004", (await CreateAsync("ORDER-P1")).ResultCode);

        var created = (await NextAsync<InstanceCreated>(EventTypes.InstanceCreated)).Data;
        Assert.Equal(("biz-ORDER-P1", "OFFI-1", "sku-gold", 20m), (created.InstanceId, created.ProductId, created.SkuCode, created.Quantity));
        Assert.Equal(("cust-7", "Acme Ltd", "PERIOD", "month", 3), (created.CustomerId, created.CustomerName, created.ChargingMode, created.PeriodType, created.PeriodNumber));
        Assert.Equal(new DateTimeOffset(2027, 2, 23, 10, 0, 0, TimeSpan.Zero), created.ExpireTime);
        var order = Assert.IsType<PurchaseOrder>(created.Order);
        Assert.Equal(("NEW", "new", 90.5m, false), (order.OrderType, order.Kind, order.Amount, order.Trial));
        Assert.Equal([new ExtendParameter("region", "cn-north-4")], order.ExtendParams);

        await using var db = _host.OpenDb();
        var stored = await db.Orders.SingleAsync();
        var protector = new Configuration.SecretProtector(Convert.ToBase64String(new byte[32]));
        Assert.Equal(("13800000000", "a@acme.example"), (protector.Unprotect(stored.ProtectedMobilePhone!), protector.Unprotect(stored.ProtectedEmail!)));
        Assert.DoesNotContain(await db.Outbox.Select(m => m.Payload).ToListAsync(), p => p.Contains("13800000000", StringComparison.Ordinal));
        Assert.Equal(1, await db.Outbox.CountAsync(m => m.Type == EventTypes.InstanceCreated));
    }

    [Fact]
    public async Task A_retried_provisioning_announces_the_purchase_too()
    {
        _stub.Reply = id => (200, Order(id, "NEW", "sku-gold", 20, "20261123100000"));
        Assert.Equal("000004", (await CreateAsync("ORDER-P9")).ResultCode);
        await NextAsync<InstanceCreated>(EventTypes.InstanceCreated);
        var (status, _) = await new AdminClient(_host).PostAsync("/admin/api/instances/biz-ORDER-P9/fail", new { code = "000005", message = "tenant database unreachable" });
        Assert.Equal(System.Net.HttpStatusCode.OK, status);

        Assert.Equal("000004", (await _marketplace.PostAsync(new { activity = "newInstance", businessId = "biz-retry-9", orderId = "ORDER-P9", orderLineId = "ORDER-P9-1" })).ResultCode);
        var retried = (await NextAsync<InstanceProvisioningRetried>(EventTypes.InstanceProvisioningRetried)).Data;
        Assert.Equal(("biz-ORDER-P9", "provisioning", "sku-gold", 20m), (retried.InstanceId, retried.State, retried.SkuCode, retried.Quantity));
        Assert.Equal(("cust-7", "Acme Ltd", "month", 3), (retried.CustomerId, retried.CustomerName, retried.PeriodType, retried.PeriodNumber));
    }

    [Fact]
    public async Task OrderNotify_before_newInstance_leaves_one_instance_with_the_details_merged()
    {
        _stub.Reply = id => (200, Order(id, "NEW", "sku-gold", 20, "20261123100000"));
        Assert.Equal("000000", (await NotifyAsync("ORDER-P2")).ResultCode);
        await Eventually.UntilAsync(async () =>
        {
            await using var db = _host.OpenDb();
            return await db.Orders.AnyAsync(o => o.Status == OrderFetchStatus.Fetched);
        }, "the notified order fetched", () => _host.Clock.Advance(TimeSpan.FromMilliseconds(200)));

        // Before the fix every create retry answered 000005 here (the order line was taken).
        Assert.Equal("000004", (await CreateAsync("ORDER-P2")).ResultCode);
        Assert.Equal("000004", (await _marketplace.PostAsync(new { activity = "newInstance", businessId = "biz-retry", orderId = "ORDER-P2", orderLineId = "ORDER-P2-1" })).ResultCode);

        var created = (await NextAsync<InstanceCreated>(EventTypes.InstanceCreated)).Data;
        Assert.Equal(("biz-ORDER-P2", "sku-gold", 20m, "Acme Ltd"), (created.InstanceId, created.SkuCode, created.Quantity, created.CustomerName));
        Assert.NotNull(created.Order);
        await using var check = _host.OpenDb();
        Assert.Equal("biz-ORDER-P2", (await check.Instances.SingleAsync()).InstanceId);
        Assert.Equal("biz-ORDER-P2", (await check.Orders.SingleAsync()).InstanceId);
    }

    [Fact]
    public async Task OrderNotify_before_upgradeInstance_still_applies_the_upgrade_once_with_the_new_quantity()
    {
        _stub.Reply = id => id == "ORDER-U"
            ? (200, Order(id, "CHANGE", "sku-platinum", 50, "20261201100000"))
            : (200, Order(id, "NEW", "sku-gold", 20, "20261123100000"));
        await CreateAsync("ORDER-P3");
        await NextAsync<InstanceCreated>(EventTypes.InstanceCreated);

        Assert.Equal("000000", (await NotifyAsync("ORDER-U")).ResultCode);
        Assert.Equal("000000", (await UpgradeAsync("biz-ORDER-P3", "ORDER-U")).ResultCode);
        Assert.Equal("000000", (await UpgradeAsync("biz-ORDER-P3", "ORDER-U")).ResultCode);

        var upgraded = (await NextAsync<InstanceUpgraded>(EventTypes.InstanceUpgraded)).Data;
        Assert.Equal(("sku-platinum", 50m, "sku-gold", 20m), (upgraded.SkuCode, upgraded.Quantity, upgraded.PreviousSkuCode, upgraded.PreviousQuantity));
        Assert.Equal("ORDER-U", upgraded.Order!.OrderId);
        await using var db = _host.OpenDb();
        Assert.Equal(1, await db.AppliedOrders.CountAsync(a => a.OrderId == "ORDER-U"));
        Assert.Equal(1, await db.Outbox.CountAsync(m => m.Type == EventTypes.InstanceUpgraded));
        Assert.Equal(50m, (await db.Set<InstancePurchase>().SingleAsync()).LinearValue);
    }

    [Fact]
    public async Task Details_late_past_the_wait_follow_as_order_details_and_an_older_order_never_overwrites_a_newer()
    {
        var newFails = true;
        _stub.Reply = id => id == "ORDER-P4" && newFails
            ? (500, """{"resultCode":"MKT.0999","resultMsg":"down"}""")
            : id == "ORDER-V" ? (200, Order(id, "CHANGE", "sku-platinum", 50, "20261201100000")) : (200, Order(id, "NEW", "sku-gold", 20, "20261123100000"));
        await CreateAsync("ORDER-P4");

        var created = (await NextAsync<InstanceCreated>(EventTypes.InstanceCreated)).Data;
        Assert.Null(created.Order);
        Assert.Null(created.SkuCode);

        // The upgrade's details arrive; the original order's arrive later and must not undo them.
        await UpgradeAsync("biz-ORDER-P4", "ORDER-V");
        var upgraded = (await NextAsync<InstanceUpgraded>(EventTypes.InstanceUpgraded)).Data;
        Assert.Equal(("sku-platinum", 50m), (upgraded.SkuCode, upgraded.Quantity));
        newFails = false;
        var details = (await NextAsync<InstanceOrderDetails>(EventTypes.InstanceOrderDetails)).Data;
        Assert.Equal(("ORDER-P4", "new", "sku-gold", 20m), (details.Order!.OrderId, details.Order.Kind, details.Order.SkuCode, details.Order.Quantity));
        Assert.Equal(("sku-platinum", 50m, "Acme Ltd"), (details.SkuCode, details.Quantity, details.CustomerName));

        await using var db = _host.OpenDb();
        Assert.Equal("sku-platinum", (await db.Instances.SingleAsync()).SkuCode);
        Assert.Equal(50m, (await db.Set<InstancePurchase>().SingleAsync()).LinearValue);
    }

    [Fact]
    public async Task The_older_inline_V2_body_is_parsed_and_announced_at_once()
    {
        var body = """
            {"activity":"newInstance","buyerInfo":{"customerId":"c-9","customerName":"Inline Co","userId":"u-9","userName":"iu","mobilePhone":"13900000000","email":"i@inline.example"},
             "orderInfo":[{"businessId":"biz-inline","orderId":"ORDER-I","trialFlag":"0","orderAmount":12.78,"chargingMode":"PERIOD","periodType":"month","periodNumber":5,
               "provisionType":1,"productInfo":[{"skuCode":"sku-i","productId":"OFFI-I","linearValue":20}],"createTime":"20221024194509","expireTime":"20221224194509",
               "extendParams":[{"name":"k","value":"v"}]}],"testFlag":"0"}
            """;
        var reply = await _marketplace.PostAsync(body);
        Assert.Equal(("000004", "biz-inline"), (reply.ResultCode, reply.Get("instanceId")));
        Assert.Equal("biz-inline", (await _marketplace.PostAsync(body)).Get("instanceId"));

        var created = (await NextAsync<InstanceCreated>(EventTypes.InstanceCreated)).Data;
        Assert.Equal(("OFFI-I", "sku-i", 20m, "Inline Co", 5), (created.ProductId, created.SkuCode, created.Quantity, created.CustomerName, created.PeriodNumber));
        Assert.Equal((12.78m, "OFFI-I"), (created.Order!.Amount, created.Order.OrderLineId));
        Assert.Empty(_stub.Calls);
    }
}

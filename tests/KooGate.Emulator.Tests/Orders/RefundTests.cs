using KooGate.Emulator.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace KooGate.Emulator.Tests.Orders;

/// <summary>No-reason refunds (5 days, 10 per account per year), unsubscription, renewal refund and settlement.</summary>
public sealed class RefundTests : IAsyncLifetime
{
    private const string Key = "stub-key-0001";
    private readonly FakeTimeProvider _wallClock = new(new DateTimeOffset(2030, 3, 1, 0, 0, 0, TimeSpan.Zero));
    private StubProduction _stub = null!;
    private EmulatorHost _emulator = null!;

    public async Task InitializeAsync()
    {
        _stub = await StubProduction.StartAsync(_wallClock, Key);
        var instances = 0;
        _stub.Respond = call => call.Activity == "newInstance"
            ? StubReply.Code("000000", extra: $",\"instanceId\":\"i-{Interlocked.Increment(ref instances)}\"")
            : StubReply.Code("000000", extra: $",\"info\":[{{\"instanceId\":\"{call.Param("instanceId")}\",\"appInfo\":{{\"frontEndUrl\":\"https://a\"}}}}]");
        _emulator = await EmulatorHost.StartAsync(_wallClock);
        await _emulator.AddBuyerAsync();
        await _emulator.AddProductAsync(new
        {
            productId = "P1",
            chargingMode = "PERIOD",
            periodType = "month",
            price = 100m,
            trialDays = 7,
            interfaceVersion = "SaasV2",
            productionUrl = _stub.ProductionUrl,
            basicKey = Key,
            platformFeeRate = 0.15m,
        });
    }

    [Fact]
    public async Task Within_five_days_a_purchase_is_refunded_in_full_and_released_with_the_unsubscribe_order()
    {
        var order = await BuyAsync();
        await _emulator.AdvanceAsync(TimeSpan.FromDays(4));
        var refund = await _emulator.PostAsync($"/api/orders/{order["orderId"]}/refund", new { }, expectedStatus: 201);
        Assert.Equal("UNSUBSCRIBE", EmulatorHost.Text(refund["orderType"]));
        Assert.Equal(-100m, refund["amount"]!.GetValue<decimal>());

        var original = await _emulator.GetAsync($"/api/orders/{order["orderId"]}");
        Assert.Equal("Refunded", EmulatorHost.Text(original["status"]));
        Assert.Equal("NoReason", EmulatorHost.Text(original["refundReason"]));
        Assert.Equal(0m, original["settlement"]!["sellerAmount"]!.GetValue<decimal>());
        Assert.Equal("Released", EmulatorHost.Text((await _emulator.ResourceAsync(EmulatorHost.Text(order["resourceId"])))["state"]));
        var release = Assert.Single(_stub.Of("releaseInstance"));
        Assert.Equal(EmulatorHost.Text(refund["orderId"]), release.Param("orderId"));
        Assert.Equal(EmulatorHost.Text(refund["orderId"]) + "-000001", release.Param("orderLineId"));
    }

    [Fact]
    public async Task After_five_days_no_reason_refund_is_refused_and_unsubscribing_refunds_the_unused_part()
    {
        var order = await BuyAsync();
        Assert.Equal(85m, order["settlement"]!["sellerAmount"]!.GetValue<decimal>());
        var resourceId = EmulatorHost.Text(order["resourceId"]);
        var expire = (await _emulator.ResourceAsync(resourceId))["expireTime"]!.GetValue<DateTimeOffset>();
        await _emulator.AdvanceAsync(TimeSpan.FromDays(6));
        await _emulator.PostAsync($"/api/orders/{order["orderId"]}/refund", new { }, expectedStatus: 409);

        var unsubscribe = await _emulator.OrderAsync(new { type = "UNSUBSCRIBE", resourceId });
        var now = await _emulator.NowAsync();
        var created = order["createTime"]!.GetValue<DateTimeOffset>();
        var expected = Math.Round(100m * (decimal)((expire - now).TotalSeconds / (expire - created).TotalSeconds), 2, MidpointRounding.AwayFromZero);
        Assert.Equal(-expected, unsubscribe["amount"]!.GetValue<decimal>());
        var original = await _emulator.GetAsync($"/api/orders/{order["orderId"]}");
        Assert.Equal("Unsubscribe", EmulatorHost.Text(original["refundReason"]));
        Assert.Equal(Math.Round((100m - expected) * 0.85m, 2, MidpointRounding.AwayFromZero), original["settlement"]!["sellerAmount"]!.GetValue<decimal>());
    }

    [Fact]
    public async Task An_account_gets_ten_no_reason_refunds_per_calendar_year()
    {
        for (var i = 0; i < 10; i++)
        {
            var order = await BuyAsync();
            await _emulator.PostAsync($"/api/orders/{order["orderId"]}/refund", new { }, expectedStatus: 201);
        }

        var eleventh = await BuyAsync();
        var refused = await _emulator.PostAsync($"/api/orders/{eleventh["orderId"]}/refund", new { }, expectedStatus: 409);
        Assert.Contains("10 no-reason refunds", EmulatorHost.Text(refused["error"]));

        // A new calendar year brings a new quota.
        await _emulator.AdvanceAsync(new DateTimeOffset(2031, 1, 1, 0, 0, 0, TimeSpan.Zero) - await _emulator.NowAsync());
        var nextYear = await BuyAsync();
        await _emulator.PostAsync($"/api/orders/{nextYear["orderId"]}/refund", new { }, expectedStatus: 201);
    }

    [Fact]
    public async Task A_renewal_not_yet_begun_is_refunded_and_the_expiry_moves_back()
    {
        var order = await BuyAsync();
        var resourceId = EmulatorHost.Text(order["resourceId"]);
        var expire = (await _emulator.ResourceAsync(resourceId))["expireTime"]!.GetValue<DateTimeOffset>();
        var renewal = await _emulator.OrderAsync(new { type = "RENEW", resourceId, periodNumber = 3 });
        Assert.Equal(300m, renewal["amount"]!.GetValue<decimal>());

        var refund = await _emulator.PostAsync($"/api/orders/{renewal["orderId"]}/refund", new { }, expectedStatus: 201);
        Assert.Equal("RenewalRefund", EmulatorHost.Text(refund["refundReason"]));
        Assert.Equal(expire, (await _emulator.ResourceAsync(resourceId))["expireTime"]!.GetValue<DateTimeOffset>());
        var call = _stub.Of("refreshInstance").Last();
        Assert.Equal("UNSUBSCRIBE_RENEWAL_PERIOD", call.Param("scene"));
        Assert.Equal(EmulatorHost.Text(refund["orderId"]), call.Param("orderId"));
        Assert.Equal(expire.UtcDateTime.ToString("yyyyMMddHHmmss", System.Globalization.CultureInfo.InvariantCulture), call.Param("expireTime"));
        Assert.Equal("Refunded", EmulatorHost.Text((await _emulator.GetAsync($"/api/orders/{renewal["orderId"]}"))["status"]));

        var settlement = await _emulator.GetAsync("/api/settlement");
        Assert.Equal(100m, settlement["netSale"]!.GetValue<decimal>());
        Assert.Equal(85m, settlement["sellerAmount"]!.GetValue<decimal>());
    }

    [Fact]
    public async Task A_debugging_order_is_not_settled()
    {
        var debug = await _emulator.OrderAsync(new { type = "NEW", customerId = "buyer-1", productId = "P1", test = true });
        Assert.Equal("Completed", EmulatorHost.Text(debug["status"]));
        Assert.Equal(0m, debug["settlement"]!["sellerAmount"]!.GetValue<decimal>());

        await BuyAsync();
        var settlement = await _emulator.GetAsync("/api/settlement");
        Assert.Equal(100m, settlement["netSale"]!.GetValue<decimal>());
        Assert.Equal(85m, settlement["sellerAmount"]!.GetValue<decimal>());
    }

    [Fact]
    public async Task Trials_expire_into_freeze_and_convert_with_TRIAL_TO_FORMAL()
    {
        var trial = await _emulator.OrderAsync(new { type = "TRIAL", customerId = "buyer-1", productId = "P1" });
        Assert.Equal(0m, trial["amount"]!.GetValue<decimal>());
        var resourceId = EmulatorHost.Text(trial["resourceId"]);
        await _emulator.AdvanceAsync(TimeSpan.FromDays(8));
        Assert.Equal("Frozen", EmulatorHost.Text((await _emulator.ResourceAsync(resourceId))["state"]));
        await _emulator.PostAsync("/api/orders", new { type = "RENEW", resourceId }, expectedStatus: 409);

        var formal = await _emulator.OrderAsync(new { type = "TRIAL_TO_FORMAL", resourceId });
        Assert.Equal("Completed", EmulatorHost.Text(formal["status"]));
        Assert.Equal("TRIAL_TO_FORMAL", _stub.Of("refreshInstance").Last().Param("scene"));
        Assert.Equal("UNFREEZE", _stub.Of("updateInstanceStatus").Last().Param("status"));
        var resource = await _emulator.ResourceAsync(resourceId);
        Assert.Equal("Active", EmulatorHost.Text(resource["state"]));
        Assert.False(resource["trial"]!.GetValue<bool>());
    }

    private Task<System.Text.Json.Nodes.JsonNode> BuyAsync() => _emulator.OrderAsync(new { type = "NEW", customerId = "buyer-1", productId = "P1" });

    public async Task DisposeAsync()
    {
        await _emulator.DisposeAsync();
        await _stub.DisposeAsync();
    }
}

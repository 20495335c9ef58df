using KooGate.Emulator.Tests.Infrastructure;
using KooGate.Testing.Emulator;

namespace KooGate.Emulator.Tests.Orders;

/// <summary>No-reason refunds (5 days, 10 per account per year), unsubscription, renewal refund and settlement.</summary>
public sealed class RefundTests : StubProductionTest
{

    protected override async Task ArrangeAsync()
    {
        Stub.Respond = NumberedInstances();
        await AddStubProductAsync("P1", new { trialDays = 7, platformFeeRate = 0.15m });
    }

    [Fact]
    public async Task Within_five_days_a_purchase_is_refunded_in_full_and_released_with_the_unsubscribe_order()
    {
        var order = await BuyAsync();
        await Emulator.AdvanceAsync(TimeSpan.FromDays(4));
        var refund = await Emulator.RefundAsync(order);
        Assert.Equal("UNSUBSCRIBE", EmulatorHost.Text(refund["orderType"]));
        Assert.Equal(-100m, refund["amount"]!.GetValue<decimal>());

        var original = await Emulator.GetAsync($"/api/orders/{order["orderId"]}");
        Assert.Equal("Refunded", EmulatorHost.Text(original["status"]));
        Assert.Equal("NoReason", EmulatorHost.Text(original["refundReason"]));
        Assert.Equal(0m, original["settlement"]!["sellerAmount"]!.GetValue<decimal>());
        Assert.Equal("Released", EmulatorHost.Text((await Emulator.ResourceAsync(EmulatorHost.Text(order["resourceId"])))["state"]));
        var release = Assert.Single(Stub.Of("releaseInstance"));
        Assert.Equal(EmulatorHost.Text(refund["orderId"]), release.Param("orderId"));
        Assert.Equal(EmulatorHost.Text(refund["orderId"]) + "-000001", release.Param("orderLineId"));
    }

    [Fact]
    public async Task After_five_days_no_reason_refund_is_refused_and_unsubscribing_refunds_the_unused_part()
    {
        var order = await BuyAsync();
        Assert.Equal(85m, order["settlement"]!["sellerAmount"]!.GetValue<decimal>());
        var resourceId = EmulatorHost.Text(order["resourceId"]);
        var expire = (await Emulator.ResourceAsync(resourceId))["expireTime"]!.GetValue<DateTimeOffset>();
        await Emulator.AdvanceAsync(TimeSpan.FromDays(6));
        await Emulator.PostAsync($"/api/orders/{order["orderId"]}/refund", new { }, expectedStatus: 409);

        var unsubscribe = await Emulator.OrderAsync(new { type = "UNSUBSCRIBE", resourceId });
        var now = await Emulator.NowAsync();
        var created = order["createTime"]!.GetValue<DateTimeOffset>();
        var expected = Math.Round(100m * (decimal)((expire - now).TotalSeconds / (expire - created).TotalSeconds), 2, MidpointRounding.AwayFromZero);
        Assert.Equal(-expected, unsubscribe["amount"]!.GetValue<decimal>());
        var original = await Emulator.GetAsync($"/api/orders/{order["orderId"]}");
        Assert.Equal("Unsubscribe", EmulatorHost.Text(original["refundReason"]));
        Assert.Equal(Math.Round((100m - expected) * 0.85m, 2, MidpointRounding.AwayFromZero), original["settlement"]!["sellerAmount"]!.GetValue<decimal>());
    }

    [Fact]
    public async Task An_account_gets_ten_no_reason_refunds_per_calendar_year()
    {
        for (var i = 0; i < 10; i++)
        {
            var order = await BuyAsync();
            await Emulator.RefundAsync(order);
        }

        var eleventh = await BuyAsync();
        var refused = await Emulator.PostAsync($"/api/orders/{eleventh["orderId"]}/refund", new { }, expectedStatus: 409);
        Assert.Contains("10 no-reason refunds", EmulatorHost.Text(refused["error"]));

        // A new calendar year brings a new quota.
        await Emulator.AdvanceAsync(new DateTimeOffset(2031, 1, 1, 0, 0, 0, TimeSpan.Zero) - await Emulator.NowAsync());
        var nextYear = await BuyAsync();
        await Emulator.RefundAsync(nextYear);
    }

    [Fact]
    public async Task A_renewal_not_yet_begun_is_refunded_and_the_expiry_moves_back()
    {
        var order = await BuyAsync();
        var resourceId = EmulatorHost.Text(order["resourceId"]);
        var expire = (await Emulator.ResourceAsync(resourceId))["expireTime"]!.GetValue<DateTimeOffset>();
        var renewal = await Emulator.OrderAsync(new { type = "RENEW", resourceId, periodNumber = 3 });
        Assert.Equal(300m, renewal["amount"]!.GetValue<decimal>());

        var refund = await Emulator.RefundAsync(renewal);
        Assert.Equal("RenewalRefund", EmulatorHost.Text(refund["refundReason"]));
        Assert.Equal(expire, (await Emulator.ResourceAsync(resourceId))["expireTime"]!.GetValue<DateTimeOffset>());
        var call = Stub.Of("refreshInstance").Last();
        Assert.Equal("UNSUBSCRIBE_RENEWAL_PERIOD", call.Param("scene"));
        Assert.Equal(EmulatorHost.Text(refund["orderId"]), call.Param("orderId"));
        Assert.Equal(expire.UtcDateTime.ToString("yyyyMMddHHmmss", System.Globalization.CultureInfo.InvariantCulture), call.Param("expireTime"));
        Assert.Equal("Refunded", EmulatorHost.Text((await Emulator.GetAsync($"/api/orders/{renewal["orderId"]}"))["status"]));

        var settlement = await Emulator.GetAsync("/api/settlement");
        Assert.Equal(100m, settlement["netSale"]!.GetValue<decimal>());
        Assert.Equal(85m, settlement["sellerAmount"]!.GetValue<decimal>());
    }

    [Fact]
    public async Task A_debugging_order_is_not_settled()
    {
        var debug = await Emulator.OrderAsync(new { type = "NEW", customerId = "buyer-1", productId = "P1", test = true });
        Assert.Equal("Completed", EmulatorHost.Text(debug["status"]));
        Assert.Equal(0m, debug["settlement"]!["sellerAmount"]!.GetValue<decimal>());

        await BuyAsync();
        var settlement = await Emulator.GetAsync("/api/settlement");
        Assert.Equal(100m, settlement["netSale"]!.GetValue<decimal>());
        Assert.Equal(85m, settlement["sellerAmount"]!.GetValue<decimal>());
    }

    [Fact]
    public async Task Trials_expire_into_freeze_and_convert_with_TRIAL_TO_FORMAL()
    {
        var trial = await Emulator.OrderAsync(new { type = "TRIAL", customerId = "buyer-1", productId = "P1" });
        Assert.Equal(0m, trial["amount"]!.GetValue<decimal>());
        var resourceId = EmulatorHost.Text(trial["resourceId"]);
        await Emulator.AdvanceAsync(TimeSpan.FromDays(8));
        Assert.Equal("Frozen", EmulatorHost.Text((await Emulator.ResourceAsync(resourceId))["state"]));
        await Emulator.PostAsync("/api/orders", new { type = "RENEW", resourceId }, expectedStatus: 409);

        var formal = await Emulator.OrderAsync(new { type = "TRIAL_TO_FORMAL", resourceId });
        Assert.Equal("Completed", EmulatorHost.Text(formal["status"]));
        Assert.Equal("TRIAL_TO_FORMAL", Stub.Of("refreshInstance").Last().Param("scene"));
        Assert.Equal("UNFREEZE", Stub.Of("updateInstanceStatus").Last().Param("status"));
        var resource = await Emulator.ResourceAsync(resourceId);
        Assert.Equal("Active", EmulatorHost.Text(resource["state"]));
        Assert.False(resource["trial"]!.GetValue<bool>());
    }

    private Task<System.Text.Json.Nodes.JsonNode> BuyAsync() => Emulator.OrderAsync(new { type = "NEW", customerId = "buyer-1", productId = "P1" });
}

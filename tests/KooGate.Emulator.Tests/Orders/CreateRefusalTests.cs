using System.Net.Http.Json;
using System.Text.Json.Nodes;
using KooGate.Emulator.Tests.Infrastructure;
using KooGate.Testing.Emulator;

namespace KooGate.Emulator.Tests.Orders;

/// <summary>
/// What the marketplace does when a create is refused with a business code (against a stub): a final code fails and
/// refunds the order on the first answer; 000104, 000004 and transport failures keep the hourly schedule.
/// </summary>
public sealed class CreateRefusalTests : StubProductionTest
{

    protected override async Task ArrangeAsync()
    {
        await AddStubProductAsync("P1");
    }

    [Theory]
    [InlineData("000100", "no instance resource")]
    [InlineData("000101", "mobile number")]
    [InlineData("000102", "e-mail address")]
    [InlineData("000103", "already bought")]
    [InlineData("000105", "already has this benefit")]
    [InlineData("000106", "sold out")]
    [InlineData("000107", "e-mail domain")]
    public async Task A_final_code_fails_and_refunds_the_order_at_once_and_gives_the_stock_back(string code, string reason)
    {
        Stub.Respond = _ => StubReply.Code(code);
        using (var stock = await Emulator.Http.PutAsJsonAsync("/api/products/P1/rules/stock", new { stock = 1 }))
        {
            Assert.True(stock.IsSuccessStatusCode);
        }

        var order = await Emulator.OrderAsync(new { type = "NEW", customerId = "buyer-1", productId = "P1" });
        await Emulator.AdvanceAsync(TimeSpan.FromHours(4));

        var failed = await Emulator.GetAsync($"/api/orders/{order["orderId"]}");
        AssertFailed(failed, code, reason);
        Assert.Single(Stub.Of("newInstance"));
        Assert.Equal("Failed", EmulatorHost.Text((await Emulator.ResourceAsync(EmulatorHost.Text(order["resourceId"])))["state"]));
        Assert.Equal(1, (await Emulator.GetAsync("/api/products/P1/rules"))["stock"]!.GetValue<int>());
        Assert.Equal(0m, (await Emulator.GetAsync("/api/settlement"))["sellerAmount"]!.GetValue<decimal>());
    }

    [Fact]
    public async Task An_internal_error_keeps_the_hourly_schedule_and_fails_the_order_after_three_hours()
    {
        Stub.Respond = _ => StubReply.Code("000104");
        var order = await Emulator.OrderAsync(new { type = "NEW", customerId = "buyer-1", productId = "P1" });
        await Emulator.AdvanceAsync(TimeSpan.FromHours(2));
        Assert.Equal("Delivering", EmulatorHost.Text((await Emulator.GetAsync($"/api/orders/{order["orderId"]}"))["status"]));

        await Emulator.AdvanceAsync(TimeSpan.FromHours(2));
        Assert.Equal(4, Stub.Of("newInstance").Count);
        AssertFailed(await Emulator.GetAsync($"/api/orders/{order["orderId"]}"), "000104", "internal error");
    }

    [Fact]
    public async Task A_final_code_reported_by_queryInstance_after_000004_ends_the_polling()
    {
        var failedAtSeller = false;
        Stub.Respond = call => call.Activity == "newInstance"
            ? StubReply.Code("000004", extra: ",\"instanceId\":\"i-1\"")
            : StubReply.Code(failedAtSeller ? "000100" : "000004");
        var order = await Emulator.OrderAsync(new { type = "NEW", customerId = "buyer-1", productId = "P1" });
        await Emulator.AdvanceAsync(TimeSpan.FromMinutes(30));
        Assert.Equal("Delivering", EmulatorHost.Text((await Emulator.GetAsync($"/api/orders/{order["orderId"]}"))["status"]));

        failedAtSeller = true;
        await Emulator.AdvanceAsync(TimeSpan.FromMinutes(5));
        var polls = Stub.Of("queryInstance").Count;
        AssertFailed(await Emulator.GetAsync($"/api/orders/{order["orderId"]}"), "000100", "no instance resource");
        await Emulator.AdvanceAsync(TimeSpan.FromHours(1));
        Assert.Equal(polls, Stub.Of("queryInstance").Count);
    }

    [Fact]
    public async Task A_transport_failure_is_retried_and_the_buyer_is_told_delivery_failed()
    {
        Stub.Respond = _ => new StubReply("oops", Status: 502, ContentType: "text/plain");
        var order = await Emulator.OrderAsync(new { type = "NEW", customerId = "buyer-1", productId = "P1" });
        await Emulator.AdvanceAsync(TimeSpan.FromHours(4));
        Assert.Equal(4, Stub.Of("newInstance").Count);
        var failed = await Emulator.GetAsync($"/api/orders/{order["orderId"]}");
        Assert.Equal("Failed", EmulatorHost.Text(failed["status"]));
        Assert.Null(failed["failureCode"]);
        Assert.Contains("could not be reached", EmulatorHost.Text(failed["failureReason"]), StringComparison.Ordinal);
    }

    private static void AssertFailed(JsonNode order, string code, string reason)
    {
        Assert.Equal("Failed", EmulatorHost.Text(order["status"]));
        Assert.Equal("DeliveryFailed", EmulatorHost.Text(order["refundReason"]));
        Assert.Equal(order["amount"]!.GetValue<decimal>(), order["refundedAmount"]!.GetValue<decimal>());
        Assert.Equal(code, EmulatorHost.Text(order["failureCode"]));
        Assert.Contains(reason, EmulatorHost.Text(order["failureReason"]), StringComparison.Ordinal);
        Assert.Equal(0m, order["settlement"]!["sellerAmount"]!.GetValue<decimal>());
    }
}

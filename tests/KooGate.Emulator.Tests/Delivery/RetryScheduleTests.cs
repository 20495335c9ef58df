using KooGate.Emulator.Tests.Infrastructure;
using KooGate.Testing.Emulator;
using Microsoft.Extensions.Time.Testing;

namespace KooGate.Emulator.Tests.Delivery;

/// <summary>Timeouts, the retry schedules on the virtual clock, queryInstance polling and manual restart, on a stub.</summary>
public sealed class RetryScheduleTests : IAsyncLifetime
{
    private const string Key = "stub-basic-key";
    private readonly FakeTimeProvider _wallClock = new(DateTimeOffset.UtcNow);
    private StubProduction _stub = null!;
    private EmulatorHost _emulator = null!;

    public async Task InitializeAsync()
    {
        _stub = await StubProduction.StartAsync(_wallClock, Key);
        _emulator = await EmulatorHost.StartAsync(_wallClock, o => o.CallTimeoutMilliseconds = 300);
        await _emulator.AddBuyerAsync();
        await _emulator.AddProductAsync(new
        {
            productId = "P1",
            chargingMode = "PERIOD",
            periodType = "month",
            price = 99.9m,
            interfaceVersion = "SaasV2",
            productionUrl = _stub.ProductionUrl,
            basicKey = Key,
        });
    }

    [Fact]
    public async Task A_create_that_times_out_is_retried_hourly_for_three_hours_then_the_order_fails_and_is_refunded()
    {
        _stub.Respond = _ => StubReply.Code("000000", extra: ",\"instanceId\":\"i-1\"") with { Delay = TimeSpan.FromSeconds(2) };
        var order = await _emulator.OrderAsync(new { type = "NEW", customerId = "buyer-1", productId = "P1" });
        var orderId = EmulatorHost.Text(order["orderId"]);
        Assert.Equal("Delivering", EmulatorHost.Text(order["status"]));

        await _emulator.AdvanceAsync(TimeSpan.FromMinutes(179));
        Assert.Equal("Delivering", EmulatorHost.Text((await _emulator.GetAsync($"/api/orders/{orderId}"))["status"]));
        await _emulator.AdvanceAsync(TimeSpan.FromMinutes(2));

        order = await _emulator.GetAsync($"/api/orders/{orderId}");
        Assert.Equal("Failed", EmulatorHost.Text(order["status"]));
        Assert.Equal("DeliveryFailed", EmulatorHost.Text(order["refundReason"]));
        Assert.Equal(99.9m, order["refundedAmount"]!.GetValue<decimal>());
        Assert.Equal(0m, order["settlement"]!["sellerAmount"]!.GetValue<decimal>());
        Assert.Equal("Failed", EmulatorHost.Text((await _emulator.ResourceAsync(EmulatorHost.Text(order["resourceId"])))["state"]));

        var delivery = (await _emulator.CallsAsync(EmulatorHost.Text(order["resourceId"])))[0]!;
        var attempts = delivery["calls"]!.AsArray();
        Assert.Equal(4, attempts.Count);
        Assert.All(attempts, a => Assert.Equal("timeout", EmulatorHost.Text(a!["verdict"])));
        var times = attempts.Select(a => a!["at"]!.GetValue<DateTimeOffset>()).ToList();
        Assert.Equal([TimeSpan.FromHours(1), TimeSpan.FromHours(1), TimeSpan.FromHours(1)], times.Zip(times.Skip(1), (a, b) => b - a));

        // Each attempt is signed afresh, with a businessId never used before.
        var calls = _stub.Of("newInstance");
        Assert.Equal(4, calls.Count);
        Assert.All(calls, c => Assert.True(c.SignatureValid));
        Assert.Equal(4, calls.Select(c => c.Param("businessId")).Distinct().Count());
        Assert.All(calls, c => Assert.Null(c.Param("testFlag")));

        // A failed and refunded purchase cannot be restarted.
        await _emulator.PostAsync($"/api/calls/{delivery["id"]}/restart", new { }, expectedStatus: 409);
    }

    [Fact]
    public async Task A_create_answered_000004_is_followed_by_queryInstance_polling_until_the_info_arrives()
    {
        var polls = 0;
        _stub.Respond = call => call.Activity switch
        {
            "newInstance" => StubReply.Code("000004", extra: ",\"instanceId\":\"i-async\""),
            _ when ++polls < 3 => StubReply.Code("000004"),
            _ => StubReply.Code("000000", extra: ",\"info\":[{\"instanceId\":\"i-async\",\"appInfo\":{\"frontEndUrl\":\"https://x.example.com\"}}]"),
        };
        var order = await _emulator.OrderAsync(new { type = "NEW", customerId = "buyer-1", productId = "P1" });
        var orderId = EmulatorHost.Text(order["orderId"]);
        Assert.Equal("Delivering", EmulatorHost.Text(order["status"]));

        await _emulator.AdvanceAsync(TimeSpan.FromMinutes(11));
        order = await _emulator.GetAsync($"/api/orders/{orderId}");
        Assert.Equal("Completed", EmulatorHost.Text(order["status"]));
        var resource = await _emulator.ResourceAsync(EmulatorHost.Text(order["resourceId"]));
        Assert.Equal("i-async", EmulatorHost.Text(resource["instanceId"]));
        Assert.Equal("https://x.example.com", EmulatorHost.Text(resource["appInfo"]!["frontEndUrl"]));
        var queries = _stub.Of("queryInstance");
        Assert.Equal(3, queries.Count);
        Assert.All(queries, q => Assert.Equal("i-async", q.Param("instanceId")));
    }

    [Fact]
    public async Task A_failing_renewal_stops_after_two_hours_and_a_manual_restart_delivers_it()
    {
        _stub.Respond = call => call.Activity == "newInstance" || call.Activity == "queryInstance"
            ? StubReply.Code("000000", extra: ",\"instanceId\":\"i-2\",\"info\":[{\"instanceId\":\"i-2\",\"appInfo\":{\"frontEndUrl\":\"https://y\"}}]")
            : new StubReply("oops", Status: 500, ContentType: "text/plain");
        var order = await _emulator.OrderAsync(new { type = "NEW", customerId = "buyer-1", productId = "P1" });
        var resourceId = EmulatorHost.Text(order["resourceId"]);
        var renewal = await _emulator.OrderAsync(new { type = "RENEW", resourceId });
        await _emulator.AdvanceAsync(TimeSpan.FromHours(3));

        var refresh = (await _emulator.CallsAsync(resourceId)).Single(c => EmulatorHost.Text(c!["activity"]) == "refreshInstance")!;
        Assert.Equal("Failed", EmulatorHost.Text(refresh["state"]));
        Assert.Equal(5, refresh["calls"]!.AsArray().Count); // 0, 30, 60, 90, 120 minutes
        Assert.Equal("http-error", EmulatorHost.Text(refresh["lastVerdict"]));
        Assert.Equal("Delivering", EmulatorHost.Text((await _emulator.GetAsync($"/api/orders/{renewal["orderId"]}"))["status"]));

        _stub.Respond = _ => StubReply.Code("000000");
        var restarted = await _emulator.PostAsync($"/api/calls/{refresh["id"]}/restart", new { });
        Assert.Equal("Succeeded", EmulatorHost.Text(restarted["state"]));
        Assert.Equal("Completed", EmulatorHost.Text((await _emulator.GetAsync($"/api/orders/{renewal["orderId"]}"))["status"]));
        Assert.Equal("RENEWAL", _stub.Of("refreshInstance").Last().Param("scene"));
    }

    [Fact]
    public async Task Replies_that_break_the_envelope_are_failures_with_a_reason()
    {
        var replies = new Queue<StubReply>(
        [
            new StubReply("{\"resultCode\":\"000000\"}", ContentType: "text/html"),
            new StubReply("not json"),
            StubReply.Code("000000"), // no instanceId
            StubReply.Code("000005"),
        ]);
        _stub.Respond = _ => replies.Count > 0 ? replies.Dequeue() : StubReply.Code("000000", extra: ",\"instanceId\":\"i-3\"");
        var order = await _emulator.OrderAsync(new { type = "NEW", customerId = "buyer-1", productId = "P1" });
        await _emulator.AdvanceAsync(TimeSpan.FromHours(4));

        var delivery = (await _emulator.CallsAsync(EmulatorHost.Text(order["resourceId"])))[0]!;
        Assert.Equal(
            ["bad-content-type", "bad-body", "missing-field", "business-error"],
            delivery["calls"]!.AsArray().Select(c => EmulatorHost.Text(c!["verdict"])));
        Assert.Equal("Failed", EmulatorHost.Text((await _emulator.GetAsync($"/api/orders/{order["orderId"]}"))["status"]));
    }

    public async Task DisposeAsync()
    {
        await _emulator.DisposeAsync();
        await _stub.DisposeAsync();
    }
}

using System.Net.Http.Json;
using System.Text.Json.Nodes;
using KooGate.Emulator.Tests.Infrastructure;
using KooGate.Testing.Emulator;

namespace KooGate.Emulator.Tests.Probes;

/// <summary>
/// 拨测 on the virtual clock (against a stub): a debug order's successful calls are saved as cases and replayed at 02:00
/// and 08:00 UTC, each judged at once; 5 failing days freeze trading, a passing day lifts it, 10 delist, and so do more than 5 orders a month
/// lost to the interface.
/// </summary>
public sealed class ProbeTests : StubProductionTest
{
    private volatile bool _failing;

    protected override async Task ArrangeAsync()
    {
        var working = NumberedInstances();
        Stub.Respond = call => _failing ? StubReply.Code("000005") : working(call);
        await AddStubProductAsync("P1");
    }

    [Fact]
    public async Task Saved_debug_cases_are_replayed_twice_a_day_unchanged_and_change_nothing()
    {
        var order = await Emulator.OrderAsync(new { type = "NEW", customerId = "buyer-1", productId = "P1", test = true });
        await Emulator.AdvanceAsync(TimeSpan.FromMinutes(1));
        var health = await Emulator.GetAsync("/api/products/P1/health");
        Assert.Equal(["newInstance", "queryInstance"], health["debugCases"]!.AsArray().Select(c => EmulatorHost.Text(c!["activity"])));
        Assert.Equal(new DateTimeOffset(2030, 3, 1, 2, 0, 0, TimeSpan.Zero), health["nextProbeAt"]!.GetValue<DateTimeOffset>());

        await Emulator.AdvanceAsync(TimeSpan.FromDays(1));

        var creates = Stub.Of("newInstance");
        Assert.Equal(3, creates.Count);
        Assert.All(creates, c => Assert.Equal(EmulatorHost.Text(order["orderId"]), c.Param("orderId")));
        Assert.All(creates, c => Assert.Equal("1", c.Param("testFlag")));
        Assert.All(creates, c => Assert.True(c.SignatureValid));
        Assert.Equal(3, creates.Select(c => c.Param("businessId")).Distinct().Count());
        Assert.Equal(3, Stub.Of("queryInstance").Count);
        var probes = (await Emulator.GetAsync("/api/products/P1/health"))["recentProbes"]!.AsArray();
        Assert.Equal(4, probes.Count);
        Assert.Equal(
            [new DateTimeOffset(2030, 3, 1, 8, 0, 0, TimeSpan.Zero), new DateTimeOffset(2030, 3, 1, 2, 0, 0, TimeSpan.Zero)],
            probes.Select(p => p!["at"]!.GetValue<DateTimeOffset>()).Distinct());
        Assert.All(probes, p => Assert.Equal("success", EmulatorHost.Text(p!["verdict"])));
        Assert.Single((await Emulator.GetAsync("/api/orders")).AsArray());
        Assert.Equal("Active", EmulatorHost.Text((await Emulator.ResourceAsync(EmulatorHost.Text(order["resourceId"])))["state"]));
    }

    [Fact]
    public async Task Five_failing_days_freeze_trading_a_passing_day_lifts_it()
    {
        await SaveCasesAsync();
        _failing = true;
        await Emulator.AdvanceAsync(TimeSpan.FromDays(3) + TimeSpan.FromHours(12));
        var health = await Emulator.GetAsync("/api/products/P1/health");
        Assert.Equal(4, health["failingProbeDays"]!.GetValue<int>());
        Assert.Equal("on-sale", EmulatorHost.Text(health["status"]));

        await Emulator.AdvanceAsync(TimeSpan.FromDays(1));
        health = await Emulator.GetAsync("/api/products/P1/health");
        Assert.Equal("trading-frozen", EmulatorHost.Text(health["status"]));
        Assert.Equal(5, health["failingProbeDays"]!.GetValue<int>());
        var refused = await Emulator.PostAsync("/api/orders", new { type = "NEW", customerId = "buyer-1", productId = "P1" }, expectedStatus: 409);
        Assert.Equal("trading-frozen", EmulatorHost.Text(refused["reason"]));
        Assert.Contains("data-status=\"trading-frozen\"", await Emulator.Http.GetStringAsync("/"), StringComparison.Ordinal);

        _failing = false;
        await Emulator.AdvanceAsync(TimeSpan.FromDays(1));   // the next day's probes pass
        health = await Emulator.GetAsync("/api/products/P1/health");
        Assert.Equal("on-sale", EmulatorHost.Text(health["status"]));
        await Emulator.OrderAsync(new { type = "NEW", customerId = "buyer-1", productId = "P1" });
    }

    [Fact]
    public async Task Ten_failing_days_delist_the_product_and_probing_stops()
    {
        await SaveCasesAsync();
        _failing = true;
        await Emulator.AdvanceAsync(TimeSpan.FromDays(11));

        var health = await Emulator.GetAsync("/api/products/P1/health");
        Assert.Equal("delisted", EmulatorHost.Text(health["status"]));
        Assert.Contains("拨测", EmulatorHost.Text(health["reason"]), StringComparison.Ordinal);
        Assert.Null(health["nextProbeAt"]);
        var rules = await Emulator.GetAsync("/api/products/P1/rules");
        Assert.Equal("Delisted", EmulatorHost.Text(rules["status"]));
        var calls = Stub.Calls.Count;
        await Emulator.AdvanceAsync(TimeSpan.FromDays(2));
        Assert.Equal(calls, Stub.Calls.Count);
    }

    [Fact]
    public async Task More_than_five_orders_a_month_lost_to_the_interface_delist_the_product()
    {
        _failing = true;
        for (var i = 1; i <= 6; i++)
        {
            await Emulator.OrderAsync(new { type = "NEW", customerId = "buyer-1", productId = "P1" });
            await Emulator.AdvanceAsync(TimeSpan.FromHours(4));
            var health = await Emulator.GetAsync("/api/products/P1/health");
            Assert.Equal(i, health["failedOrdersThisMonth"]!.GetValue<int>());
            Assert.Equal(i <= 5 ? "on-sale" : "delisted", EmulatorHost.Text(health["status"]));
        }

        var refused = await Emulator.PostAsync("/api/orders", new { type = "NEW", customerId = "buyer-1", productId = "P1" }, expectedStatus: 409);
        Assert.Equal("delisted", EmulatorHost.Text(refused["reason"]));
    }

    [Fact]
    public async Task Health_of_an_unknown_product_is_a_404()
    {
        using var response = await Emulator.Http.GetAsync("/api/products/NOPE/health");
        Assert.Equal(404, (int)response.StatusCode);
        Assert.NotNull(await response.Content.ReadFromJsonAsync<JsonObject>());
    }

    private async Task SaveCasesAsync()
    {
        await Emulator.OrderAsync(new { type = "NEW", customerId = "buyer-1", productId = "P1", test = true });
        await Emulator.AdvanceAsync(TimeSpan.FromMinutes(1));
        Assert.Equal(2, (await Emulator.GetAsync("/api/products/P1/health"))["debugCases"]!.AsArray().Count);
    }
}

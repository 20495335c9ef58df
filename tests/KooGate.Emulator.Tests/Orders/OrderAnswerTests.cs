using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using KooGate.Emulator.Tests.Infrastructure;
using KooGate.Testing.Emulator;
using Microsoft.Extensions.Time.Testing;

namespace KooGate.Emulator.Tests.Orders;

/// <summary>
/// KooGallery answers the buyer's order before it calls the seller: a seller's production interface that is slow (or
/// down) never holds the order request, and the call is still made.
/// </summary>
public sealed class OrderAnswerTests : IAsyncLifetime
{
    private const string Key = "stub-key-0001";
    private readonly FakeTimeProvider _wallClock = new(new DateTimeOffset(2030, 3, 1, 0, 0, 0, TimeSpan.Zero));
    private readonly ManualResetEventSlim _sellerMayAnswer = new();
    private StubProduction _stub = null!;
    private EmulatorHost _emulator = null!;

    public async Task InitializeAsync()
    {
        _stub = await StubProduction.StartAsync(_wallClock, Key);
        _stub.Respond = _ =>
        {
            _sellerMayAnswer.Wait(TimeSpan.FromSeconds(90));
            return StubReply.Code("000000", extra: ",\"instanceId\":\"i-1\"");
        };
        _emulator = await EmulatorHost.StartAsync(_wallClock, options => options.CallTimeoutMilliseconds = 120_000);
        await _emulator.AddBuyerAsync();
        await _emulator.AddProductAsync(new
        {
            productId = "P1",
            chargingMode = "PERIOD",
            periodType = "month",
            price = 100m,
            interfaceVersion = "SaasV2",
            productionUrl = _stub.ProductionUrl,
            basicKey = Key,
        });
    }

    public async Task DisposeAsync()
    {
        _sellerMayAnswer.Set();
        await _emulator.DisposeAsync();
        await _stub.DisposeAsync();
        _sellerMayAnswer.Dispose();
    }

    [Fact]
    public async Task The_order_is_answered_while_the_seller_has_not_answered_the_create_and_the_create_completes_it_afterwards()
    {
        using var placed = await _emulator.Http.PostAsJsonAsync("/api/orders", new { type = "NEW", customerId = "buyer-1", productId = "P1" })
            .WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(HttpStatusCode.Created, placed.StatusCode);
        var order = JsonNode.Parse(await placed.Content.ReadAsStringAsync())!;
        Assert.Equal("Delivering", EmulatorHost.Text(order["status"]));

        _sellerMayAnswer.Set();
        order = await _emulator.AfterFirstCallsAsync(order);
        Assert.Equal("Completed", EmulatorHost.Text(order["status"]));
        Assert.Single(_stub.Of("newInstance"));
        Assert.Equal("Active", EmulatorHost.Text((await _emulator.ResourceAsync(EmulatorHost.Text(order["resourceId"])))["state"]));
    }

    [Fact]
    public async Task An_order_for_a_seller_that_is_down_is_answered_and_its_create_keeps_the_retry_schedule()
    {
        // Nothing listens on loopback port 1: the connection is refused.
        await _emulator.AddProductAsync(new
        {
            productId = "DOWN",
            chargingMode = "PERIOD",
            periodType = "month",
            price = 100m,
            interfaceVersion = "SaasV2",
            productionUrl = "http://127.0.0.1:1/produce",
            basicKey = Key,
        });

        var order = await _emulator.OrderAsync(new { type = "NEW", customerId = "buyer-1", productId = "DOWN" });

        Assert.Equal("Delivering", EmulatorHost.Text(order["status"]));
        var create = Assert.Single(await _emulator.CallsAsync(EmulatorHost.Text(order["resourceId"])))!;
        Assert.Equal(1, create["attempts"]!.GetValue<int>());
        Assert.Equal("Pending", EmulatorHost.Text(create["state"]));
    }
}

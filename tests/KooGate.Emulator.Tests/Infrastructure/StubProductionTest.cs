using System.Text.Json;
using System.Text.Json.Nodes;
using KooGate.Testing.Emulator;
using Microsoft.Extensions.Time.Testing;

namespace KooGate.Emulator.Tests.Infrastructure;

/// <summary>
/// The emulator against a programmable stub production interface on one fake wall clock (2030-03-01 00:00 UTC), with
/// buyer-1 added; each test class sets the stub's answers and adds its products in <see cref="ArrangeAsync"/>.
/// </summary>
public abstract class StubProductionTest : IAsyncLifetime
{
    protected const string Key = "stub-key-0001";

    protected FakeTimeProvider WallClock { get; } = new(new DateTimeOffset(2030, 3, 1, 0, 0, 0, TimeSpan.Zero));

    protected StubProduction Stub { get; private set; } = null!;

    protected EmulatorHost Emulator { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Stub = await StubProduction.StartAsync(WallClock, Key);
        Emulator = await EmulatorHost.StartAsync(WallClock);
        await Emulator.AddBuyerAsync();
        await ArrangeAsync();
    }

    public async Task DisposeAsync()
    {
        await Emulator.DisposeAsync();
        await Stub.DisposeAsync();
    }

    protected abstract Task ArrangeAsync();

    /// <summary>A monthly SaaS V2 product at 100 whose production interface is the stub; <paramref name="more"/> adds or overrides fields.</summary>
    protected Task<JsonNode> AddStubProductAsync(string productId, object? more = null)
    {
        var product = new JsonObject
        {
            ["productId"] = productId,
            ["chargingMode"] = "PERIOD",
            ["periodType"] = "month",
            ["price"] = 100m,
            ["interfaceVersion"] = "SaasV2",
            ["productionUrl"] = Stub.ProductionUrl,
            ["basicKey"] = Key,
        };
        foreach (var (name, value) in JsonSerializer.SerializeToNode(more ?? new { }, EmulatorHost.Json)!.AsObject())
        {
            product[name] = value?.DeepClone();
        }

        return Emulator.AddProductAsync(product);
    }

    /// <summary>The stub's answers for a working interface: each create gets a new instance (i-1, i-2, …), every query finds it.</summary>
    protected static Func<StubCall, StubReply> NumberedInstances()
    {
        var instances = 0;
        return call => call.Activity == "newInstance"
            ? StubReply.Code("000000", extra: $",\"instanceId\":\"i-{Interlocked.Increment(ref instances)}\"")
            : StubReply.Code("000000", extra: $",\"info\":[{{\"instanceId\":\"{call.Param("instanceId")}\",\"appInfo\":{{\"frontEndUrl\":\"https://a\"}}}}]");
    }
}

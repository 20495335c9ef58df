using KooGate.Emulator.Tests.Infrastructure;
using KooGate.Testing.Emulator;
using Microsoft.Extensions.Time.Testing;

namespace KooGate.Emulator.Tests.Delivery;

/// <summary>
/// Replies written like Huawei's V2 sample, which serialises every member of its response object: <c>"instanceId":null</c>
/// in every non-create reply and null optional fields in <c>queryInstance</c>. The marketplace takes them as absent.
/// </summary>
public sealed class SampleStyleReplyTests : IAsyncLifetime
{
    private const string Key = "v2-stub-key-0001";
    private readonly FakeTimeProvider _wallClock = new(DateTimeOffset.UtcNow);
    private StubProduction _stub = null!;
    private EmulatorHost _emulator = null!;

    public async Task InitializeAsync()
    {
        _stub = await StubProduction.StartAsync(_wallClock, Key);
        _emulator = await EmulatorHost.StartAsync(_wallClock);
        await _emulator.AddBuyerAsync();
    }

    [Fact]
    public async Task Explicit_null_members_are_accepted_through_a_whole_lifecycle()
    {
        await _emulator.AddProductAsync(new
        {
            productId = "V2-M",
            chargingMode = "PERIOD",
            periodType = "month",
            price = 10m,
            interfaceVersion = "SaasV2",
            productionUrl = _stub.ProductionUrl,
            basicKey = Key,
        });
        _stub.Respond = call => call.Activity switch
        {
            "newInstance" => StubReply.Code("000000", extra: ",\"instanceId\":\"v2-inst\""),
            "queryInstance" => StubReply.Code("000000", extra:
                ",\"instanceId\":null,\"info\":[{\"instanceId\":\"v2-inst\",\"appInfo\":{\"frontEndUrl\":\"https://v2.example.com\",\"adminUrl\":null,\"userName\":null,\"password\":null,\"memo\":null},\"usageInfo\":null}]"),
            _ => StubReply.Code("000000", extra: ",\"instanceId\":null"),
        };

        var order = await _emulator.OrderAsync(new { type = "NEW", customerId = "buyer-1", productId = "V2-M" });
        var resourceId = EmulatorHost.Text(order["resourceId"]);
        Assert.Equal("Completed", EmulatorHost.Text(order["status"]));
        var renewal = await _emulator.OrderAsync(new { type = "RENEW", resourceId });
        Assert.Equal("Completed", EmulatorHost.Text(renewal["status"]));
        await _emulator.AdvanceAsync(TimeSpan.FromDays(62 + 16));

        Assert.Equal("Released", EmulatorHost.Text((await _emulator.ResourceAsync(resourceId))["state"]));
        Assert.All(_stub.Calls, c => Assert.True(c.SignatureValid));
        Assert.Contains(_stub.Calls, c => c.Activity == "releaseInstance");
        var verdicts = (await _emulator.CallsAsync(resourceId)).SelectMany(d => d!["calls"]!.AsArray()).Select(c => EmulatorHost.Text(c!["verdict"]));
        Assert.All(verdicts, v => Assert.Equal("success", v));
    }

    public async Task DisposeAsync()
    {
        await _emulator.DisposeAsync();
        await _stub.DisposeAsync();
    }
}

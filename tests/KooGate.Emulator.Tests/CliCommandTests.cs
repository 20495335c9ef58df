extern alias cli;

using System.Text.Json.Nodes;
using cli::KooGate.Cli;
using KooGate.Emulator.Tests.Infrastructure;
using KooGate.Testing.Emulator;

namespace KooGate.Emulator.Tests;

/// <summary><c>koogate clock</c> and <c>koogate buy</c> against a running emulator.</summary>
public sealed class CliCommandTests : IAsyncLifetime
{
    private EmulatorHost _emulator = null!;

    public async Task InitializeAsync() => _emulator = await EmulatorHost.StartAsync();

    [Fact]
    public async Task Clock_advance_moves_the_virtual_clock_and_prints_the_new_time()
    {
        var before = await _emulator.NowAsync();
        var (code, output, _) = Run("clock", "advance", "--days", "3", "--emulator", _emulator.BaseAddress.ToString());
        Assert.Equal(KooGateCli.Ok, code);
        var printed = JsonNode.Parse(output)!["now"]!.GetValue<DateTimeOffset>();
        Assert.Equal(before.AddDays(3), printed, TimeSpan.FromSeconds(5));
        Assert.Equal(printed, await _emulator.NowAsync(), TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task Buy_places_an_order_and_a_refusal_exits_one_with_the_reason()
    {
        await _emulator.AddBuyerAsync();
        await _emulator.AddProductAsync(new
        {
            productId = "LC",
            chargingMode = "ONE_TIME",
            price = 5m,
            interfaceVersion = "LicenseCode",
            productionUrl = "http://127.0.0.1:9/produce",
            licenseKey = "k",
        });
        var (code, output, _) = Run("buy", "--customer", "buyer-1", "--product", "LC", "--emulator", _emulator.BaseAddress.ToString());
        Assert.Equal(KooGateCli.Ok, code);
        Assert.Equal("NEW", JsonNode.Parse(output)!["orderType"]!.GetValue<string>());

        (code, _, var error) = Run("buy", "--customer", "nobody", "--product", "LC", "--emulator", _emulator.BaseAddress.ToString());
        Assert.Equal(KooGateCli.Invalid, code);
        Assert.Contains("buyer nobody not found", error);
    }

    [Theory]
    [InlineData("http://192.0.2.10:0")]
    [InlineData("http://127.0.0.1:0;http://192.0.2.10:0")]
    [InlineData("http://*:0")]
    [InlineData("http://+:0")]
    public void Emulate_refuses_a_non_loopback_address_without_allow_remote(string urls)
    {
        // 192.0.2.10 is on no interface here: without the check, Kestrel's bind would fail instead of this message.
        var (code, _, error) = Run("emulate", "--urls", urls, "--data", Path.Combine(Path.GetTempPath(), $"emulate-refused-{Guid.NewGuid():N}.db"));
        Assert.Equal(KooGateCli.BadInput, code);
        Assert.Contains("is not a loopback address", error, StringComparison.Ordinal);
        Assert.Contains("--allow-remote", error, StringComparison.Ordinal);
    }

    private static (int Code, string Output, string Error) Run(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = KooGateCli.Run(args, output, error, TimeProvider.System);
        return (code, output.ToString(), error.ToString());
    }

    public async Task DisposeAsync() => await _emulator.DisposeAsync();
}

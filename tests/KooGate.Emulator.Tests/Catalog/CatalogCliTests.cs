extern alias cli;

using System.Text.Json.Nodes;
using cli::KooGate.Cli;
using KooGate.Emulator.Tests.Infrastructure;
using KooGate.Testing.Emulator;

namespace KooGate.Emulator.Tests.Catalog;

/// <summary><c>koogate catalog …</c> sets each listing rule on a running emulator, and <c>koogate buy</c> meets them.</summary>
public sealed class CatalogCliTests : IAsyncLifetime
{
    private EmulatorHost _emulator = null!;

    private string Url => _emulator.BaseAddress.ToString();

    public async Task InitializeAsync()
    {
        _emulator = await EmulatorHost.StartAsync();
        await _emulator.AddBuyerAsync("buyer-1");
        await _emulator.AddBuyerAsync("buyer-2");
        await _emulator.AddProductAsync(new
        {
            productId = "LC",
            chargingMode = "ONE_TIME",
            price = 5m,
            interfaceVersion = "LicenseCode",
            productionUrl = "http://127.0.0.1:9/produce",
            licenseKey = "k",
        });
    }

    public async Task DisposeAsync() => await _emulator.DisposeAsync();

    [Fact]
    public void Each_rule_is_set_and_printed_and_buy_meets_it()
    {
        var rules = Ok("catalog", "sales-targets", "--product", "LC", "--account", "buyer-1=Buyer One", "--emulator", Url);
        Assert.True(rules["salesTargetsOnly"]!.GetValue<bool>());
        Assert.Equal("Buyer One", rules["salesTargets"]![0]!["accountName"]!.GetValue<string>());
        Assert.Equal(2, Ok("catalog", "purchase-limit", "--product", "LC", "--per-account", "2", "--emulator", Url)["purchaseLimit"]!.GetValue<int>());
        Assert.Equal(1, Ok("catalog", "stock", "--product", "LC", "--stock", "1", "--emulator", Url)["stock"]!.GetValue<int>());
        Assert.Equal("AllUsers", Ok("catalog", "credit", "--product", "LC", "--mode", "AllUsers", "--emulator", Url)["credit"]!.GetValue<string>());
        Assert.False(Ok("catalog", "trial", "--product", "LC", "--to-formal", "false", "--emulator", Url)["trialToFormal"]!.GetValue<bool>());

        var (code, _, error) = Run("buy", "--customer", "buyer-2", "--product", "LC", "--emulator", Url);
        Assert.Equal(KooGateCli.Invalid, code);
        Assert.Contains("not-a-sales-target", error, StringComparison.Ordinal);
        Assert.Equal("Credit", Ok("buy", "--customer", "buyer-1", "--product", "LC", "--credit", "--emulator", Url)["paymentMethod"]!.GetValue<string>());
        (code, _, error) = Run("buy", "--customer", "buyer-1", "--product", "LC", "--emulator", Url);
        Assert.Equal(KooGateCli.Invalid, code);
        Assert.Contains("sold-out", error, StringComparison.Ordinal);

        Assert.Equal("Delisted", Ok("catalog", "delist", "--product", "LC", "--reason", "gone", "--emulator", Url)["status"]!.GetValue<string>());
        Assert.Equal("gone", Ok("catalog", "rules", "--product", "LC", "--emulator", Url)["delistReason"]!.GetValue<string>());
        Assert.Equal(KooGateCli.BadInput, Run("catalog", "credit", "--product", "LC", "--mode", "Some", "--emulator", Url).Code);
    }

    private static JsonNode Ok(params string[] args)
    {
        var (code, output, error) = Run(args);
        Assert.True(code == KooGateCli.Ok, $"{string.Join(' ', args)}: {code} {error}");
        return JsonNode.Parse(output)!;
    }

    private static (int Code, string Output, string Error) Run(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = KooGateCli.Run(args, output, error, TimeProvider.System);
        return (code, output.ToString(), error.ToString());
    }
}

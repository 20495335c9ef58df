using System.Text.RegularExpressions;
using KooGate.Emulator.Tests.Infrastructure;
using KooGate.Server.Tests.Infrastructure;
using KooGate.Testing.Emulator;
using Microsoft.Extensions.Time.Testing;
using Microsoft.Playwright;

namespace KooGate.Emulator.Tests.Page;

/// <summary>Listing rules and refusals on the emulator's page, in headless Chromium against a stub production interface.</summary>
public sealed class ListingRulesPageTests : IAsyncLifetime
{
    private const string Key = "stub-key-0001";
    private readonly FakeTimeProvider _wallClock = new(new DateTimeOffset(2030, 3, 1, 0, 0, 0, TimeSpan.Zero));
    private StubProduction _stub = null!;
    private EmulatorHost _emulator = null!;
    private HeadlessChromium _chromium = null!;

    public async Task InitializeAsync()
    {
        _stub = await StubProduction.StartAsync(_wallClock, Key);
        _stub.Respond = call => call.Activity == "newInstance"
            ? StubReply.Code("000000", extra: ",\"instanceId\":\"i-1\"")
            : StubReply.Code("000000", extra: ",\"info\":[{\"instanceId\":\"i-1\",\"appInfo\":{\"frontEndUrl\":\"https://a\"}}]");
        _emulator = await EmulatorHost.StartAsync(_wallClock);
        await _emulator.AddBuyerAsync("buyer-1");
        await _emulator.AddBuyerAsync("buyer-2");
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
        _chromium = await HeadlessChromium.LaunchAsync();
    }

    public async Task DisposeAsync()
    {
        await _chromium.DisposeAsync();
        await _emulator.DisposeAsync();
        await _stub.DisposeAsync();
    }

    [Fact]
    public async Task Rules_set_on_the_page_refuse_and_allow_orders_there_and_delisting_stops_sales()
    {
        var page = await _chromium.NewPageAsync();
        await page.GotoAsync(_emulator.BaseAddress.ToString());
        var row = page.Locator("#listing-rules tr[data-product='P1']");
        Assert.Equal("everyone", await row.Locator("td.sales-targets").InnerTextAsync());
        Assert.Equal("unlimited", await row.Locator("td.stock").InnerTextAsync());

        await row.Locator("summary", new() { HasText = "Rules" }).ClickAsync();
        var form = row.Locator("form.rules");
        await form.Locator("input[name=restricted]").CheckAsync();
        await form.Locator("input[name=salesTargets]").FillAsync("buyer-1=Buyer One");
        await form.Locator("input[name=stock]").FillAsync("1");
        await form.Locator("input[name=trialDays]").FillAsync("7");
        await form.Locator("select[name=credit]").SelectOptionAsync("AllUsers");
        await form.Locator("button[type=submit]").ClickAsync();
        await HeadlessChromium.ArrivesAtAsync(page, new Regex("notice="));
        row = page.Locator("#listing-rules tr[data-product='P1']");
        Assert.Equal("only buyer-1=Buyer One", await row.Locator("td.sales-targets").InnerTextAsync());
        Assert.Equal("1 left", await row.Locator("td.stock").InnerTextAsync());
        Assert.StartsWith("7 days, once per account", await row.Locator("td.trial").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal("AllUsers", await row.Locator("td.credit").InnerTextAsync());

        await BuyAsync(page, "buyer-2", credit: false);
        await HeadlessChromium.ArrivesAtAsync(page, new Regex("error="));
        Assert.Contains("指定用户", await page.Locator(".error").InnerTextAsync());

        await BuyAsync(page, "buyer-1", credit: true);
        await HeadlessChromium.ArrivesAtAsync(page, new Regex("notice="));
        var order = EmulatorHost.Text(Assert.Single((await _emulator.GetAsync("/api/orders")).AsArray())!["orderId"]);
        Assert.Equal("Credit", await page.Locator($"#orders tr[data-order='{order}'] td.payment").InnerTextAsync());
        Assert.Equal("sold out", await page.Locator("#listing-rules tr[data-product='P1'] td.stock").InnerTextAsync());

        row = page.Locator("#listing-rules tr[data-product='P1']");
        await row.Locator("form.delist input[name=reason]").FillAsync("replaced by P2");
        await row.Locator("form.delist button").ClickAsync();
        await HeadlessChromium.ArrivesAtAsync(page, new Regex("delisted"));
        row = page.Locator("#listing-rules tr[data-product='P1']");
        Assert.Equal("Delisted", await row.GetAttributeAsync("data-status"));
        Assert.Contains("replaced by P2", await row.Locator("td.listing").InnerTextAsync());
        Assert.Equal(0, await row.Locator("form.delist").CountAsync());

        await BuyAsync(page, "buyer-1", credit: false);
        await HeadlessChromium.ArrivesAtAsync(page, new Regex("error="));
        Assert.Contains("delisted", await page.Locator(".error").InnerTextAsync());
    }

    [Fact]
    public async Task A_purchase_the_seller_refused_shows_the_buyer_facing_reason()
    {
        _stub.Respond = _ => StubReply.Code("000106");
        var order = await _emulator.OrderAsync(new { type = "NEW", customerId = "buyer-1", productId = "P1" });

        var page = await _chromium.NewPageAsync();
        await page.GotoAsync(_emulator.BaseAddress.ToString());
        var row = page.Locator($"#orders tr[data-order='{order["orderId"]}']");
        Assert.StartsWith("Failed", await row.Locator("td.status").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains("sold out (000106", await row.Locator(".failure").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains("refunded", await row.Locator(".failure").InnerTextAsync(), StringComparison.Ordinal);
    }

    private static async Task BuyAsync(IPage page, string customerId, bool credit)
    {
        await page.Locator("#buy select[name=customerId]").SelectOptionAsync(customerId);
        await page.Locator("#buy select[name=productId]").SelectOptionAsync("P1");
        await page.Locator("#buy select[name=paymentMethod]").SelectOptionAsync(credit ? "Credit" : "Balance");
        await page.Locator("#buy button[type=submit]").ClickAsync();
    }
}

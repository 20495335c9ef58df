using System.Text.RegularExpressions;
using KooGate.Emulator.Tests.Infrastructure;
using KooGate.Server.Tests.Infrastructure;
using KooGate.Testing.Emulator;
using KooGate.Testing.Server;
using Microsoft.Extensions.Time.Testing;
using Microsoft.Playwright;

namespace KooGate.Emulator.Tests.Page;

/// <summary>The emulator's page in headless Chromium, buying from and renewing against the real KooGate.Server.</summary>
public sealed class EmulatorPageTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _wallClock = new(DateTimeOffset.UtcNow);
    private KooGateHost _server = null!;
    private EmulatorHost _emulator = null!;
    private HeadlessChromium _chromium = null!;

    public async Task InitializeAsync()
    {
        _server = new KooGateHost(new KooGateHostOptions { Clock = _wallClock });
        _emulator = await EmulatorHost.StartAsync(_wallClock);
        await _emulator.AddBuyerAsync("page-buyer");
        await _emulator.AddProductAsync(new
        {
            productId = "PAGE-M",
            name = "Page <SaaS>",
            skuCode = "PAGE-M",
            chargingMode = "PERIOD",
            periodType = "month",
            price = 50m,
            interfaceVersion = "SaasV2",
            productionUrl = _server.ProductionUrl,
            basicKey = TestKeys.Basic,
        });
        _chromium = await HeadlessChromium.LaunchAsync();
    }

    [Fact]
    public async Task Buy_renew_and_advance_the_clock_from_the_page()
    {
        var page = await _chromium.NewPageAsync();
        await page.GotoAsync(_emulator.BaseAddress.ToString());
        Assert.Equal("KooGate emulator", await page.TitleAsync());
        var product = page.Locator("#products tr[data-product='PAGE-M']");
        Assert.Contains("Page <SaaS>", await product.InnerTextAsync());
        Assert.Contains("SaasV2", await product.InnerTextAsync());
        Assert.Contains(_server.ProductionUrl, await product.InnerTextAsync());

        await page.Locator("#buy select[name=customerId]").SelectOptionAsync("page-buyer");
        await page.Locator("#buy select[name=productId]").SelectOptionAsync("PAGE-M");
        await page.Locator("#buy input[name=periods]").FillAsync("2");
        await page.Locator("#buy button[type=submit]").ClickAsync();
        await HeadlessChromium.ArrivesAtAsync(page, new Regex("notice="));

        var resources = (await _emulator.GetAsync("/api/instances")).AsArray();
        var resourceId = EmulatorHost.Text(Assert.Single(resources)!["resourceId"]);
        var instanceId = EmulatorHost.Text(resources[0]!["instanceId"]);
        var row = page.Locator($"#instances tr[data-resource='{resourceId}']");
        Assert.Equal("Active", await row.GetAttributeAsync("data-state"));
        Assert.Contains(instanceId, await row.InnerTextAsync());
        var created = page.Locator("#calls tr[data-activity='newInstance'][data-result='000000']");
        Assert.Equal(1, await created.CountAsync());
        Assert.Equal("success", await created.GetAttributeAsync("data-verdict"));
        await created.Locator("summary", new() { HasText = "request" }).ClickAsync();
        Assert.Contains("\"activity\":\"newInstance\"", (await created.Locator("pre").First.InnerTextAsync()).Replace(" ", string.Empty, StringComparison.Ordinal));
        var expiry = await row.Locator("time").Nth(1).GetAttributeAsync("datetime");

        await row.Locator("button", new() { HasText = "Renew" }).ClickAsync();
        await HeadlessChromium.ArrivesAtAsync(page, new Regex("RENEW"));
        var renewed = page.Locator("#calls tr[data-activity='refreshInstance']");
        Assert.Equal(1, await renewed.CountAsync());
        Assert.Equal("000000", await renewed.GetAttributeAsync("data-result"));
        var renewedExpiry = await page.Locator($"#instances tr[data-resource='{resourceId}'] time").Nth(1).GetAttributeAsync("datetime");
        Assert.Equal(DateTimeOffset.Parse(expiry!).AddMonths(1), DateTimeOffset.Parse(renewedExpiry!));

        var before = DateTimeOffset.Parse((await page.Locator("#clock time").GetAttributeAsync("datetime"))!);
        await page.Locator("button", new() { HasText = "+1 day" }).ClickAsync();
        await HeadlessChromium.ArrivesAtAsync(page, new Regex("clock"));
        var after = DateTimeOffset.Parse((await page.Locator("#clock time").GetAttributeAsync("datetime"))!);
        Assert.InRange(after - before, TimeSpan.FromDays(1), TimeSpan.FromDays(1) + TimeSpan.FromSeconds(5));
        Assert.Equal(after, await _emulator.NowAsync(), TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task A_refused_action_is_shown_and_a_form_without_its_token_is_rejected()
    {
        var page = await _chromium.NewPageAsync();
        await page.GotoAsync(_emulator.BaseAddress.ToString());
        await page.Locator("#buy input[name=trial]").CheckAsync();
        await page.Locator("#buy button[type=submit]").ClickAsync();
        await HeadlessChromium.ArrivesAtAsync(page, new Regex("error="));
        Assert.Contains("offers no trial", await page.Locator(".error").InnerTextAsync());
        Assert.Empty((await _emulator.GetAsync("/api/orders")).AsArray());

        using var forged = await _emulator.Http.PostAsync("/ui/clock/advance", new FormUrlEncodedContent(new Dictionary<string, string> { ["days"] = "1" }));
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, forged.StatusCode);
    }

    [Fact]
    public async Task Interface_versions_kit_versions_notification_addresses_and_license_codes_are_shown()
    {
        await _emulator.AddProductAsync(new
        {
            productId = "PAGE-CODE",
            chargingMode = "PERIOD",
            periodType = "month",
            price = 10m,
            interfaceVersion = "LicenseCode",
            productionUrl = _server.ProductionUrl,
            licenseKey = TestKeys.License,
            orderNotifyUrl = _server.ProductionUrl + "/notify",
            generalKey = TestKeys.General,
        });
        await _emulator.AddProductAsync(new
        {
            productId = "PAGE-JOINT",
            chargingMode = "PERIOD",
            periodType = "month",
            price = 10m,
            joint = true,
            interfaceVersion = "SaasV1",
            productionUrl = _server.ProductionUrl,
            v1Key = TestKeys.V1,
        });
        var order = await _emulator.OrderAsync(new { type = "NEW", customerId = "page-buyer", productId = "PAGE-CODE" });
        var code = EmulatorHost.Text((await _emulator.ResourceAsync(EmulatorHost.Text(order["resourceId"])))["licenseCode"]);

        var page = await _chromium.NewPageAsync();
        await page.GotoAsync(_emulator.BaseAddress.ToString());
        var codeProduct = page.Locator("#products tr[data-product='PAGE-CODE']");
        Assert.Equal("LicenseCode", await codeProduct.Locator("td.interface").InnerTextAsync());
        Assert.Contains(_server.ProductionUrl + "/notify", await codeProduct.InnerTextAsync());
        Assert.Equal("SaasV1 + Kit V1", await page.Locator("#products tr[data-product='PAGE-JOINT'] td.interface").InnerTextAsync());
        var row = page.Locator($"#instances tr[data-resource='{EmulatorHost.Text(order["resourceId"])}']");
        Assert.Equal(code, await row.Locator("td.license").InnerTextAsync());
    }

    public async Task DisposeAsync()
    {
        await _chromium.DisposeAsync();
        await _emulator.DisposeAsync();
        await _server.DisposeAsync();
    }
}

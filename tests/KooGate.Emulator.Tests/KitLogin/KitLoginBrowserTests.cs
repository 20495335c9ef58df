using System.Text.RegularExpressions;
using KooGate.Emulator.Tests.Infrastructure;
using KooGate.Server.Tests.Infrastructure;
using KooGate.Testing.Databases;
using KooGate.Testing.Emulator;
using KooGate.Testing.Server;
using Microsoft.Extensions.Time.Testing;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace KooGate.Emulator.Tests.KitLogin;

/// <summary>
/// Kit account login end to end in headless Chromium: the emulator binds two enterprises of a joint product and
/// syncs their users to the real KooGate.Server; users sign in through the emulator's identity centre and KooGate's
/// login bridge to samples/KitLogin.Sample, which verifies KooGate's signed identity against its JWKS.
/// </summary>
public sealed class KitLoginBrowserTests : IAsyncLifetime
{
    private const string AppId = "app-JOINT-M";

    // A sign-in crosses three loopback servers; on a loaded 2-core CI machine 30 s is not always enough.
    private static readonly LocatorAssertionsToBeVisibleOptions Visible = new() { Timeout = 120_000 };
    private readonly FakeTimeProvider _wallClock = new(DateTimeOffset.UtcNow);
    private readonly SampleAppHost _sample = new();
    private EmulatorHost _emulator = null!;
    private KooGateHost _server = null!;
    private HeadlessChromium _chromium = null!;
    private string _acme = null!;
    private string _globex = null!;

    public Task InitializeAsync() => Task.CompletedTask;

    [Theory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task Authorised_users_land_in_their_enterprise_and_everyone_else_is_refused(DatabaseKind database)
    {
        await StartAsync(database);

        // An administrator signs in over OAuth and lands in the app with the enterprise, user and role KooGate signed.
        var admin = await NewPageAsync();
        await admin.GotoAsync(new Uri(_sample.BaseAddress, $"/t/{_acme}").ToString());
        await admin.GetByText("(zhangsan, admin)").ClickAsync();
        await LandsOnAsync(admin, $"/t/{_acme}", "#tenant");
        Assert.Equal(_acme, await admin.Locator("#tenant").InnerTextAsync());
        Assert.Equal("Acme", await admin.Locator("#tenant-name").InnerTextAsync());
        Assert.Equal("zhangsan", await admin.Locator("#user").InnerTextAsync());
        Assert.Equal("Zhang San", await admin.Locator("#name").InnerTextAsync());
        Assert.Equal("admin", await admin.Locator("#role").InnerTextAsync());
        Assert.Equal(1, await admin.Locator("#admin").CountAsync());

        // The same session cannot enter another enterprise's space.
        var other = await admin.GotoAsync(new Uri(_sample.BaseAddress, $"/t/{_globex}").ToString());
        Assert.Equal(403, other!.Status);
        Assert.Contains("another enterprise", await admin.Locator("#error").InnerTextAsync());

        // Logout ends the app's session and goes through the identity centre back to the app.
        await admin.GotoAsync(new Uri(_sample.BaseAddress, $"/t/{_acme}").ToString());
        await admin.Locator("#logout").ClickAsync();
        await LandsOnAsync(admin, "/signed-out", "#signed-out");
        await admin.GotoAsync(new Uri(_sample.BaseAddress, $"/t/{_acme}").ToString());
        Assert.Contains("/idp/acme/api/v1/oauth2/authorize", admin.Url);

        // An ordinary user gets the user role.
        var user = await SignInAsync("(lisi, user)");
        Assert.Equal("user", await user.Locator("#role").InnerTextAsync());
        Assert.Equal(0, await user.Locator("#admin").CountAsync());

        // A disabled user and one whose authorisation was revoked reach KooGate's refusal page, not the app.
        var disabled = await SignInAsync("(wangwu, user, disabled)", landsInApp: false);
        Assert.Equal("Sign-in refused", await disabled.TitleAsync());
        Assert.Contains("wangwu is disabled", await disabled.Locator("#reason").InnerTextAsync());
        var revoked = await SignInAsync("(zhaoliu, user, not authorised for the app)", landsInApp: false);
        Assert.Contains("has not authorised zhaoliu", await revoked.Locator("#reason").InnerTextAsync());

        // A callback whose tenant was swapped for another enterprise's is refused.
        var tampered = await NewPageAsync();
        await tampered.Context.RouteAsync("**/oauth2/authorize?**user=**", async route =>
        {
            var answer = await route.FetchAsync(new RouteFetchOptions { MaxRedirects = 0 });
            var headers = new Dictionary<string, string>(answer.Headers);
            headers["location"] = headers["location"].Replace($"tenant={_acme}", $"tenant={_globex}", StringComparison.Ordinal);
            await route.FulfillAsync(new RouteFulfillOptions { Response = answer, Headers = headers });
        });
        await tampered.GotoAsync(new Uri(_sample.BaseAddress, $"/t/{_acme}").ToString());
        await tampered.GetByText("(zhangsan, admin)").ClickAsync();
        await Expect(tampered.Locator("#reason")).ToBeVisibleAsync(Visible);
        Assert.Contains("another enterprise", await tampered.Locator("#reason").InnerTextAsync());
    }

    [Fact]
    public async Task A_user_signs_in_over_CAS_and_a_user_of_another_enterprise_cannot_use_this_ones_link()
    {
        await StartAsync(DatabaseKind.Sqlite);

        var page = await NewPageAsync();
        await page.GotoAsync(new Uri(_sample.BaseAddress, $"/login?tenant={_acme}&via=cas").ToString());
        Assert.Contains("/idp/acme/api/v1/cas/login", page.Url);
        await page.GetByText("(lisi, user)").ClickAsync();
        await LandsOnAsync(page, $"/t/{_acme}", "#user");
        Assert.Equal("lisi", await page.Locator("#user").InnerTextAsync());
        Assert.Equal("user", await page.Locator("#role").InnerTextAsync());

        // Globex's administrator is not in Acme's directory; Acme's sign-in link does not let him in.
        var stranger = await NewPageAsync();
        await stranger.GotoAsync(new Uri(_sample.BaseAddress, $"/t/{_acme}").ToString());
        Assert.Equal(0, await stranger.GetByText("(chen, admin)").CountAsync());
        var forced = await stranger.GotoAsync(stranger.Url + "&user=chen");
        Assert.Equal(400, forced!.Status);
        await stranger.GotoAsync(new Uri(_sample.BaseAddress, $"/t/{_globex}").ToString());
        await stranger.GetByText("(chen, admin)").ClickAsync();
        await LandsOnAsync(stranger, $"/t/{_globex}", "#tenant-name");
        Assert.Equal("Globex", await stranger.Locator("#tenant-name").InnerTextAsync());
        Assert.Equal(403, (await stranger.GotoAsync(new Uri(_sample.BaseAddress, $"/t/{_acme}").ToString()))!.Status);
    }

    public async Task DisposeAsync()
    {
        if (_chromium is not null)
        {
            await _chromium.DisposeAsync();
        }

        await _sample.DisposeAsync();
        if (_emulator is not null)
        {
            await _emulator.DisposeAsync();
        }

        _server?.Dispose();
    }

    private async Task StartAsync(DatabaseKind database)
    {
        _emulator = await EmulatorHost.StartAsync(_wallClock);
        _server = new KooGateHost(new KooGateHostOptions
        {
            Database = database,
            Clock = _wallClock,
            KitClientSecret = true,
            Settings = new Dictionary<string, string?>
            {
                ["KooGate:KitLogin:Apps:0:AppId"] = AppId,
                ["KooGate:KitLogin:Apps:0:CallbackUrl"] = new Uri(_sample.BaseAddress, "/signin-koogate").ToString(),
                ["KooGate:KitLogin:Apps:0:SignedOutUrl"] = new Uri(_sample.BaseAddress, "/signed-out").ToString(),
            },
        });
        await _emulator.AddBuyerAsync();
        await _emulator.AddProductAsync(new
        {
            productId = "JOINT-M",
            chargingMode = "PERIOD",
            periodType = "month",
            price = 50m,
            joint = true,
            interfaceVersion = "SaasV2",
            productionUrl = _server.ProductionUrl,
            basicKey = TestKeys.Basic,
            kitKey = TestKeys.Kit,
            kitPublicKeyPem = _server.PublicKeyPem,

            // The identity centre sends browsers only to these (KooGate's OAuth and CAS callbacks, the app's signed-out page).
            redirectUris = new[]
            {
                KooGateBase + "/kit-login/callback",
                KooGateBase + "/kit-login/cas/callback",
                new Uri(_sample.BaseAddress, "/signed-out").ToString(),
            },
        });
        _acme = await BindAsync("Acme", "acme",
            new { userName = "zhangsan", name = "Zhang San", role = "admin", enable = true },
            new { userName = "lisi", name = "Li Si", role = "user", enable = true },
            new { userName = "wangwu", name = "Wang Wu", role = "user", enable = false },
            new { userName = "zhaoliu", name = "Zhao Liu", role = "user", enable = true });
        var acmeResource = _resources["acme"];
        await _emulator.PostAsync($"/api/instances/{acmeResource}/kit/users", new { tenantId = _acme, flag = 3, users = new[] { new { userName = "zhaoliu" } } });
        _globex = await BindAsync("Globex", "globex", new { userName = "chen", name = "Chen", role = "admin", enable = true });

        await _sample.StartAsync(new Uri(KooGateBase), AppId);
        _chromium = await HeadlessChromium.LaunchAsync();
    }

    private readonly Dictionary<string, string> _resources = [];

    private string KooGateBase => new Uri(_server.ProductionUrl).GetLeftPart(UriPartial.Authority);

    private async Task<string> BindAsync(string name, string code, params object[] users)
    {
        var order = await _emulator.OrderAsync(new { type = "NEW", customerId = "buyer-1", productId = "JOINT-M" });
        var resourceId = EmulatorHost.Text(order["resourceId"]);
        _resources[code] = resourceId;
        var bound = await _emulator.PostAsync($"/api/instances/{resourceId}/kit/bind", new { tenantName = name, tenantCode = code });
        Assert.All(bound["calls"]!.AsArray(), c => Assert.Equal("000000", EmulatorHost.Text(c!["calls"]![0]!["resultCode"])));
        var tenantId = EmulatorHost.Text(bound["tenant"]!["tenantId"]);
        var granted = await _emulator.PostAsync($"/api/instances/{resourceId}/kit/users", new { tenantId, users });
        Assert.Equal("000000", EmulatorHost.Text(granted["calls"]!.AsArray().Last()!["calls"]![0]!["resultCode"]));
        return tenantId;
    }

    private async Task<IPage> NewPageAsync()
    {
        var page = await (await _chromium.Browser.NewContextAsync()).NewPageAsync();

        // A sign-in crosses three loopback servers; on a loaded 2-core CI machine 30 s is not always enough.
        page.SetDefaultTimeout(120_000);
        page.SetDefaultNavigationTimeout(120_000);
        return page;
    }

    /// <summary>
    /// Waits until the browser is at the app's <paramref name="path"/> and shows <paramref name="selector"/>: the URL
    /// polled (<see cref="HeadlessChromium.ArrivesAtAsync"/>), the element from the DOM, never the page's "load" or
    /// network-idle events.
    /// </summary>
    private async Task LandsOnAsync(IPage page, string path, string selector)
    {
        var expected = new Uri(_sample.BaseAddress, path).ToString();
        await HeadlessChromium.ArrivesAtAsync(page, new Regex($"^{Regex.Escape(expected)}$"));
        await Expect(page.Locator(selector)).ToBeVisibleAsync(Visible);
    }

    private async Task<IPage> SignInAsync(string pick, bool landsInApp = true)
    {
        var page = await NewPageAsync();
        await page.GotoAsync(new Uri(_sample.BaseAddress, $"/t/{_acme}").ToString());
        await page.GetByText(pick).ClickAsync();
        if (landsInApp)
        {
            await LandsOnAsync(page, $"/t/{_acme}", "#role");
        }
        else
        {
            await Expect(page.Locator("#reason")).ToBeVisibleAsync(Visible);
        }

        return page;
    }
}

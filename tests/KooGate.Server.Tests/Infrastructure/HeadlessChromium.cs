using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace KooGate.Server.Tests.Infrastructure;

/// <summary>Debian's headless Chromium driven by Playwright (no browser download: .ci/run installs the chromium package).</summary>
public sealed class HeadlessChromium : IAsyncDisposable
{
    public const string ExecutablePath = "/usr/bin/chromium";

    private readonly IPlaywright _playwright;

    private HeadlessChromium(IPlaywright playwright, IBrowser browser)
    {
        _playwright = playwright;
        Browser = browser;
    }

    public IBrowser Browser { get; }

    public static async Task<HeadlessChromium> LaunchAsync()
    {
        Assert.True(File.Exists(ExecutablePath), $"{ExecutablePath} is missing: apt-get install chromium (bash .ci/run does)");
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = ExecutablePath,
            Headless = true,
            Args =
            [
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
            ],
        });
        return new HeadlessChromium(playwright, browser);
    }

    /// <summary>Waits a loaded CI machine can need: every wait of the page may take two minutes (Playwright's default is 30 s).</summary>
    public const float PatientTimeout = 120_000;

    /// <summary>A page whose waits (navigation, clicks, reads) allow <see cref="PatientTimeout"/>.</summary>
    public async Task<IPage> NewPageAsync(BrowserNewPageOptions? options = null)
    {
        var page = await Browser.NewPageAsync(options);
        page.SetDefaultTimeout(PatientTimeout);
        page.SetDefaultNavigationTimeout(PatientTimeout);
        return page;
    }

    /// <summary>
    /// Waits until the page's address matches <paramref name="url"/>. Not <c>WaitForURLAsync</c>: it checks the address
    /// and then subscribes to the navigation, so it can miss a navigation that lands in between and then waits for a
    /// "load" that already fired (microsoft/playwright-dotnet#3364 and #3365; seen on this CI under load). The URL
    /// assertion polls the address in the browser instead and has no event to lose.
    /// </summary>
    public static Task ArrivesAtAsync(IPage page, Regex url) =>
        Assertions.Expect(page).ToHaveURLAsync(url, new() { Timeout = PatientTimeout });

    public async ValueTask DisposeAsync()
    {
        await Browser.DisposeAsync();
        _playwright.Dispose();
    }
}

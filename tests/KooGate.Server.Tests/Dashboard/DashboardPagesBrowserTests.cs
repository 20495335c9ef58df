using System.Text.RegularExpressions;
using KooGate.Server.Data;
using KooGate.Server.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace KooGate.Server.Tests.Dashboard;

/// <summary>Every dashboard page and action in headless Chromium, against one seeded server.</summary>
public sealed class DashboardPagesBrowserTests(DashboardPagesFixture fixture) : IClassFixture<DashboardPagesFixture>, IAsyncLifetime
{
    private IPage _page = null!;

    public async Task InitializeAsync() => _page = await fixture.Browser.NewPageAsync();

    public async Task DisposeAsync() => await _page.CloseAsync();

    private async Task<string> OpenAsync(string url)
    {
        var response = await _page.GotoAsync(url);
        Assert.Equal(200, response!.Status);
        return await _page.InnerTextAsync("main");
    }

    [Fact]
    public async Task Overview_draws_the_calls_chart_and_the_health_panel_and_hides_checker_calls()
    {
        var main = await OpenAsync("/dashboard");
        Assert.True(await _page.Locator("svg#calls-chart rect.bar[data-code='000001']").CountAsync() > 0, "a bar for the refused call");
        Assert.Contains("failed orders this month", main, StringComparison.Ordinal);
        Assert.Contains("product-1", await _page.InnerTextAsync("#delisting"), StringComparison.Ordinal);
        Assert.Contains("ORDER-X", main, StringComparison.Ordinal);
        Assert.DoesNotContain("KGCHECK1ORDER001", main, StringComparison.Ordinal);

        await _page.ClickAsync("a:has-text('show check and load calls')");
        Assert.Contains("KGCHECK1ORDER001", await _page.InnerTextAsync("main"), StringComparison.Ordinal);
        Assert.True(await _page.Locator("svg#calls-chart rect.bar[data-code='000005']").CountAsync() > 0);
        await _page.ClickAsync("a:has-text('Last 7 days')");
        Assert.Equal(1, await _page.Locator("svg#calls-chart").CountAsync());
    }

    [Fact]
    public async Task Instances_page_through_with_a_total_and_filter()
    {
        await OpenAsync("/dashboard/instances");
        Assert.Equal("1–50 of 60", await _page.InnerTextAsync(".pager .total"));
        await _page.ClickAsync(".pager a[rel=next]");
        Assert.Equal("51–60 of 60", await _page.InnerTextAsync(".pager .total"));
        Assert.Contains("prov-1", await _page.InnerTextAsync("main"), StringComparison.Ordinal);

        await _page.FillAsync("input[name=q]", "inst-");
        await _page.SelectOptionAsync("select[name=state]", "Failed");
        await _page.ClickAsync("form.filter button");
        Assert.Equal("1–6 of 6", await _page.InnerTextAsync(".pager .total"));

        await OpenAsync("/dashboard/instances?q=KGCHECK");
        Assert.Equal("0 of 0", (await _page.InnerTextAsync(".pager")).Trim());
        await _page.SelectOptionAsync("select[name=checks]", "true");
        await _page.ClickAsync("form.filter button");
        Assert.Equal("1–1 of 1", await _page.InnerTextAsync(".pager .total"));

        await OpenAsync("/dashboard/instances?q=ORDER-1");
        Assert.Equal("1–10 of 10", await _page.InnerTextAsync(".pager .total"));
    }

    [Fact]
    public async Task Complete_and_fail_buttons_finish_provisioning()
    {
        await OpenAsync("/dashboard/instances/prov-1");
        await _page.FillAsync("#complete input[name=frontEndUrl]", "https://app.example.com/prov-1");
        await _page.FillAsync("#complete input[name=userName]", "owner");
        await _page.ClickAsync("#complete button");
        await HeadlessChromium.ArrivesAtAsync(_page, new Regex(@"/dashboard/instances/prov\-1\?notice=[^/]*$"));
        Assert.Equal("completed", (await _page.InnerTextAsync("#notice")).Trim());
        Assert.Contains("https://app.example.com/prov-1", await _page.InnerTextAsync("main"), StringComparison.Ordinal);
        Assert.Equal(0, await _page.Locator("#complete").CountAsync());

        await OpenAsync("/dashboard/instances/prov-2");
        await _page.FillAsync("#fail input[name=message]", "region full");
        await _page.ClickAsync("#fail button");
        await HeadlessChromium.ArrivesAtAsync(_page, new Regex(@"/dashboard/instances/prov\-2\?notice=[^/]*$"));
        Assert.Equal("failed", (await _page.InnerTextAsync("#notice")).Trim());
        using var db = fixture.Host.OpenDb();
        var failed = await db.Instances.SingleAsync(i => i.InstanceId == "prov-2");
        Assert.Equal((InstanceState.Failed, "region full"), (failed.State, failed.FailureMessage));
    }

    [Fact]
    public async Task Callback_log_filters_hints_at_refused_signatures_and_links_license_codes()
    {
        await OpenAsync("/dashboard/callbacks?failed=true");
        Assert.Equal("1–1 of 1", await _page.InnerTextAsync(".pager .total"));
        await _page.ClickAsync("tbody tr td a");
        Assert.Contains("interface type", await _page.InnerTextAsync("#hint"), StringComparison.Ordinal);

        await OpenAsync("/dashboard/callbacks?activity=refreshLicenseCode");
        await _page.ClickAsync("a:has-text('LC-0001')");
        await HeadlessChromium.ArrivesAtAsync(_page, new Regex(@"/dashboard/licenses/LC\-0001$"));
        Assert.Contains("product-L", await _page.InnerTextAsync("main"), StringComparison.Ordinal);

        await OpenAsync("/dashboard/licenses?state=Active");
        Assert.Contains("LC-0001", await _page.InnerTextAsync("main"), StringComparison.Ordinal);
        var missing = await _page.GotoAsync("/dashboard/licenses/LC-NONE");
        Assert.Equal(404, missing!.Status);
        Assert.Contains("No license code", await _page.InnerTextAsync("main"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Tenant_page_renders_the_department_tree()
    {
        await OpenAsync("/dashboard/tenants?q=Acme");
        await _page.ClickAsync("a:has-text('tenant-1')");
        await HeadlessChromium.ArrivesAtAsync(_page, new Regex(@"/dashboard/tenants/inst\-01/tenant\-1$"));
        Assert.Contains("Engineering", await _page.InnerTextAsync("li[data-org='10'] li[data-org='20']"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Delivery_page_shows_the_payload_and_attempts_and_redeliver_all_dead_requeues_it()
    {
        await OpenAsync("/dashboard/outbox?status=Dead");
        await _page.ClickAsync($"a:has-text('{fixture.DeadDelivery}')");
        Assert.Contains("payload-marker", await _page.InnerTextAsync("#payload"), StringComparison.Ordinal);
        Assert.Contains("HTTP 503 from the app", await _page.InnerTextAsync("main"), StringComparison.Ordinal);

        // Every attempt, newest first: the dead one with its status, then the timed-out one that got no answer.
        var attempts = await _page.Locator("#attempts tbody tr").AllInnerTextsAsync();
        Assert.Equal(2, attempts.Count);
        Assert.Matches(@"^8\s.*42 ms\s+503\s+Dead\s+HTTP 503 from the app", attempts[0]);
        Assert.Matches(@"^7\s.*10001 ms\s+no answer\s+Retrying\s+timed out after 10 s", attempts[1]);
        Assert.Equal("bad", await _page.Locator("#attempts tbody tr").First.GetAttributeAsync("class"));

        await OpenAsync("/dashboard/outbox");
        await _page.ClickAsync("#redeliver-dead button");
        await HeadlessChromium.ArrivesAtAsync(_page, new Regex(@"/dashboard/outbox\?notice=[^/]*$"));
        Assert.Contains("requeued-1-dead", await _page.InnerTextAsync("main"), StringComparison.Ordinal);
        using var db = fixture.Host.OpenDb();
        Assert.NotEqual(OutboxStatus.Dead, (await db.Outbox.SingleAsync(m => m.Id == fixture.DeadDelivery)).Status);
    }

    [Fact]
    public async Task Usage_page_shows_records_and_failed_pushes()
    {
        var main = await OpenAsync("/dashboard/usage");
        Assert.Contains("1 failed pushes", main, StringComparison.Ordinal);
        Assert.Contains("gateway 401", await _page.InnerTextAsync("#periods"), StringComparison.Ordinal);
        Assert.Contains("rec-1", await _page.InnerTextAsync("#entries"), StringComparison.Ordinal);
    }
}

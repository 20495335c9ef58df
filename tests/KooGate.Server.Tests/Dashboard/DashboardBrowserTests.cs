using System.Text.RegularExpressions;
using KooGate.Server.Tests.Infrastructure;
using KooGate.Server.Tests.Outbox;
using KooGate.Testing.Server;
using Microsoft.Playwright;

namespace KooGate.Server.Tests.Dashboard;

/// <summary>An operator in a real browser: logs in, finds a purchase, reads its callback log, redelivers its webhook.</summary>
public sealed class DashboardBrowserTests
{
    [Fact]
    public async Task An_operator_sees_a_purchase_reads_its_callback_and_redelivers_its_failed_webhook()
    {
        await using var t = await WebhookTestHost.StartAsync();
        t.Receiver.AnswerNext(500);
        var reply = await t.CreateAsync("ORDER-B1", "biz-browser-1");
        Assert.Equal("000004", reply.ResultCode);
        await t.WaitForOutboxAsync(m => m.Attempts == 1 && m.LastError != null, "first delivery failed");
        var eventId = (await t.OutboxAsync(_ => true)).Id;
        Assert.Equal(500, (await t.Receiver.NextAsync()).AnsweredStatus);

        await using var chromium = await HeadlessChromium.LaunchAsync();
        var page = await chromium.NewPageAsync(new() { BaseURL = t.Host.Http.BaseAddress!.ToString() });

        // Any dashboard page sends a stranger to the login form, which comes back to that page.
        await page.GotoAsync("/dashboard/instances");
        Assert.Contains("/dashboard/login", page.Url, StringComparison.Ordinal);
        await page.FillAsync("input[name=name]", TestKeys.OperatorName);
        await page.FillAsync("input[name=password]", TestKeys.OperatorPassword);
        await page.ClickAsync("button:has-text('Sign in')");
        await HeadlessChromium.ArrivesAtAsync(page, new Regex(@"/dashboard/instances$"));

        // The purchase is listed; its page links to its callback log.
        await page.ClickAsync("a:has-text('biz-browser-1')");
        await HeadlessChromium.ArrivesAtAsync(page, new Regex(@"/dashboard/instances/biz\-browser\-1$"));
        Assert.Contains("ORDER-B1", await page.InnerTextAsync("main"), StringComparison.Ordinal);
        await page.ClickAsync("a:has-text('Callback log for this instance')");
        await HeadlessChromium.ArrivesAtAsync(page, new Regex(@"/dashboard/callbacks\?instanceId=biz\-browser\-1$"));
        var row = page.Locator("tbody tr", new() { HasText = "newInstance" });
        Assert.Contains("000004", await row.InnerTextAsync(), StringComparison.Ordinal);
        await row.Locator("td a").First.ClickAsync();
        await HeadlessChromium.ArrivesAtAsync(page, new Regex(@"/dashboard/callbacks/[^/]*$"));
        Assert.Contains("\"activity\":\"newInstance\"", await page.InnerTextAsync("#request"), StringComparison.Ordinal);
        Assert.Contains("000004", await page.InnerTextAsync("#response"), StringComparison.Ordinal);
        Assert.Contains("signature=***", await page.InnerTextAsync("main"), StringComparison.Ordinal);

        // The failed delivery is highlighted; redelivering it sends it again and the page shows it delivered.
        await page.ClickAsync("header a:has-text('Outbox')");
        var delivery = page.Locator($"tr[data-event='{eventId}']");
        Assert.Equal("warn", await delivery.GetAttributeAsync("class"));
        Assert.Equal("Pending", (await delivery.Locator("td.status").InnerTextAsync()).Trim());
        await delivery.Locator("button:has-text('Redeliver')").ClickAsync();
        await HeadlessChromium.ArrivesAtAsync(page, new Regex(@"/dashboard/outbox\?notice=[^/]*$"));

        var second = await t.Receiver.NextAsync();
        Assert.Equal(eventId.ToString(), second.Headers["webhook-id"]);
        Assert.Equal(200, second.AnsweredStatus);
        await Eventually.UntilAsync(
            async () =>
            {
                await page.ReloadAsync();
                return (await page.Locator($"tr[data-event='{eventId}'] td.status").InnerTextAsync()).Trim() == "Delivered";
            },
            "the outbox page to show the redelivered event as delivered");
        Assert.Equal(string.Empty, await page.Locator($"tr[data-event='{eventId}']").GetAttributeAsync("class") ?? string.Empty);
    }
}

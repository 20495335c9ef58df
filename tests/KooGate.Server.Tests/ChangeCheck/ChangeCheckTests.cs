using KooGate.Server.Data;
using KooGate.Server.Outbox;
using KooGate.Server.Tests.Infrastructure;
using KooGate.Testing.Server;
using Microsoft.EntityFrameworkCore;

namespace KooGate.Server.Tests.ChangeCheck;

/// <summary><c>changeInstanceCheck</c> asks the seller: configured rules or a synchronous, signed decision webhook.</summary>
public sealed class ChangeCheckTests
{
    private const string Secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

    private static readonly object ToPro = new { productId = "PRO-M", skuCode = "PRO-M", linearValue = 5 };

    [Theory]
    [InlineData("AllowAll", "000000")]
    [InlineData("DenyAll", "000005")]
    public async Task A_rule_decides_without_asking_anyone(string policy, string expected)
    {
        using var host = new KooGateHost(settings: new Dictionary<string, string?>
        {
            ["KooGate:ChangeCheck:Policy"] = policy,
            ["KooGate:ChangeCheck:DenyMessage"] = "downgrades are handled by support",
        });
        var marketplace = new MarketplaceClient(host);
        await CreateAsync(marketplace, "biz-cc1");

        var reply = await CheckAsync(marketplace, "biz-cc1", ToPro);

        Assert.Equal(expected, reply.ResultCode);
        if (expected != "000000")
        {
            Assert.Equal("downgrades are handled by support", reply.ResultMsg);
        }

        await using var db = host.OpenDb();
        var noted = await db.InstanceEvents.SingleAsync(e => e.InstanceId == "biz-cc1" && e.Type.StartsWith("change-"));
        Assert.Equal(expected == "000000" ? "change-allowed" : "change-denied", noted.Type);
    }

    [Fact]
    public async Task Released_and_unknown_instances_answer_000003()
    {
        using var host = new KooGateHost();
        var marketplace = new MarketplaceClient(host);
        await CreateAsync(marketplace, "biz-cc2");
        Assert.Equal("000000", (await marketplace.PostAsync(new { activity = "releaseInstance", instanceId = "biz-cc2" })).ResultCode);

        Assert.Equal("000003", (await CheckAsync(marketplace, "biz-cc2", ToPro)).ResultCode);
        Assert.Equal("000003", (await CheckAsync(marketplace, "never-created", ToPro)).ResultCode);
    }

    [Fact]
    public async Task The_quantity_rule_denies_only_a_decrease_of_a_known_quantity()
    {
        using var host = new KooGateHost(settings: new Dictionary<string, string?> { ["KooGate:ChangeCheck:Policy"] = "DenyQuantityDecrease" });
        var marketplace = new MarketplaceClient(host);
        await CreateAsync(marketplace, "biz-cc3");

        // Nothing known about the current quantity yet: a decrease cannot be proven.
        Assert.Equal("000000", (await CheckAsync(marketplace, "biz-cc3", new { productId = "P", linearValue = 1 })).ResultCode);

        await using (var db = host.OpenDb())
        {
            var purchase = await db.Set<InstancePurchase>().SingleAsync(p => p.InstanceId == "biz-cc3");
            purchase.LinearValue = 20;
            await db.SaveChangesAsync();
        }

        var denied = await CheckAsync(marketplace, "biz-cc3", new { productId = "P", linearValue = 10 });
        Assert.Equal("000005", denied.ResultCode);
        Assert.Contains("quantity 20 cannot decrease to 10", denied.ResultMsg, StringComparison.Ordinal);
        Assert.Equal("000000", (await CheckAsync(marketplace, "biz-cc3", new { productId = "P", linearValue = 20 })).ResultCode);
        Assert.Equal("000000", (await CheckAsync(marketplace, "biz-cc3", new { productId = "P", linearValue = 30 })).ResultCode);
    }

    [Fact]
    public async Task The_decision_webhook_is_signed_like_the_events_and_its_answer_is_the_reply()
    {
        await using var app = await WebhookReceiver.StartAsync();
        using var host = WebhookPolicyHost(app.Url, "Deny");
        var marketplace = new MarketplaceClient(host);
        await CreateAsync(marketplace, "biz-cc4");

        app.Reply = _ => """{"allow":false,"reason":"usage of 30 GB exceeds the target's 10 GB"}""";
        var denied = await CheckAsync(marketplace, "biz-cc4", "{\"productId\":\"PRO-M\",\"skuCode\":\"PRO-SKU\",\"linearValue\":\"5\"}");
        Assert.Equal(("000005", "usage of 30 GB exceeds the target's 10 GB"), (denied.ResultCode, denied.ResultMsg));

        var asked = await app.NextAsync();
        // The decision request verifies with the same library call as every event.
        var verified = new Client.Events.WebhookVerifier(Secret, host.Clock).ConstructEvent(asked.Headers, asked.Body);
        Assert.Equal("instance.change_check", verified.Type);
        Assert.Throws<Client.Events.WebhookVerificationException>(() =>
            new Client.Events.WebhookVerifier(Client.Events.WebhookSignature.NewSecret(), host.Clock).ConstructEvent(asked.Headers, asked.Body));
        Assert.Equal("instance.change_check", asked.Headers["KooGate-Event-Type"]);
        Assert.Equal("biz-cc4", asked.Json.GetProperty("data").GetProperty("instanceId").GetString());
        var target = asked.Json.GetProperty("data").GetProperty("target");
        Assert.Equal(("PRO-M", "PRO-SKU", 5m), (target.GetProperty("productId").GetString(), target.GetProperty("skuCode").GetString(), target.GetProperty("quantity").GetDecimal()));

        app.Reply = _ => """{"allow":true}""";
        Assert.Equal("000000", (await CheckAsync(marketplace, "biz-cc4", ToPro)).ResultCode);
    }

    [Theory]
    [InlineData("Allow", "000000")]
    [InlineData("Deny", "000005")]
    public async Task A_failing_or_unreadable_decision_webhook_gets_the_configured_fallback(string fallback, string expected)
    {
        await using var app = await WebhookReceiver.StartAsync();
        using var host = WebhookPolicyHost(app.Url, fallback);
        var marketplace = new MarketplaceClient(host);
        await CreateAsync(marketplace, "biz-cc5");

        app.AnswerNext(500);
        Assert.Equal(expected, (await CheckAsync(marketplace, "biz-cc5", ToPro)).ResultCode);
        app.Reply = _ => """{"verdict":"yes"}""";
        Assert.Equal(expected, (await CheckAsync(marketplace, "biz-cc5", ToPro)).ResultCode);
    }

    [Theory]
    [InlineData("Allow", "000000")]
    [InlineData("Deny", "000005")]
    public async Task A_decision_webhook_slower_than_the_budget_gets_the_fallback_in_time(string fallback, string expected)
    {
        await using var app = await WebhookReceiver.StartAsync();
        app.Delay = TimeSpan.FromSeconds(8);
        app.Reply = _ => """{"allow":true}""";
        using var host = WebhookPolicyHost(app.Url, fallback);
        var marketplace = new MarketplaceClient(host);
        await CreateAsync(marketplace, "biz-cc6");

        var check = CheckAsync(marketplace, "biz-cc6", ToPro);
        var started = DateTime.UtcNow;
        await Eventually.UntilAsync(() => Task.FromResult(check.IsCompleted), "the check to answer once the budget is spent", () => host.Clock.Advance(TimeSpan.FromMilliseconds(100)));
        Assert.Equal(expected, (await check).ResultCode);
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(6), "the answer must not wait for the slow webhook");
    }

    private static KooGateHost WebhookPolicyHost(string url, string fallback) => new(settings: new Dictionary<string, string?>
    {
        ["KooGate:Webhook:Secret"] = Secret,
        ["KooGate:ChangeCheck:Policy"] = "Webhook",
        ["KooGate:ChangeCheck:Url"] = url,
        ["KooGate:ChangeCheck:OnFailure"] = fallback,
        ["KooGate:ChangeCheck:TimeoutMilliseconds"] = "1000",
    });

    private static async Task CreateAsync(MarketplaceClient marketplace, string businessId) =>
        Assert.Equal("000000", (await marketplace.PostAsync(new { activity = "newInstance", businessId, orderId = "O-" + businessId, orderLineId = "L-" + businessId })).ResultCode);

    private static Task<ProduceReply> CheckAsync(MarketplaceClient marketplace, string instanceId, object productInfo) =>
        marketplace.PostAsync(new { activity = "changeInstanceCheck", instanceId, productInfo });
}

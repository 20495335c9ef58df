using KooGate.Server.Outbox;
using KooGate.Server.Tests.Infrastructure;
using KooGate.Server.Tests.SaasV1;
using KooGate.Testing.Server;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace KooGate.Server.Tests.Products;

/// <summary>One deployment, several products: each product's webhook, secret, template and provisioner, else the defaults.</summary>
public sealed class ProductSettingsTests
{
    [Fact]
    public async Task Each_product_gets_its_own_webhook_secret_template_and_provisioner_and_others_the_defaults()
    {
        await using var appA = await WebhookReceiver.StartAsync();
        using var host = new KooGateHost(settings: new Dictionary<string, string?>
        {
            ["KooGate:Provisioning:FrontEndUrlTemplate"] = "https://default.example.com/{instanceId}",
            ["KooGate:Products:0:ProductId"] = "PRODUCT-A",
            ["KooGate:Products:0:Webhook:Url"] = appA.Url,
            ["KooGate:Products:0:Webhook:Secret"] = SecretOfA,
            ["KooGate:Products:1:ProductId"] = "PRODUCT-B",
            ["KooGate:Products:1:Provisioning:FrontEndUrlTemplate"] = "https://b.example.com/tenants/{instanceId}",
            ["KooGate:Products:1:Provisioning:Mode"] = "Automatic",
        });
        var marketplace = new V1MarketplaceClient(host);

        var a = await marketplace.GetAsync(Create("biz-pa", "ORDER-PA", "PRODUCT-A"));
        var b = await marketplace.GetAsync(Create("biz-pb", "ORDER-PB", "PRODUCT-B"));
        var other = await marketplace.GetAsync(Create("biz-pc", "ORDER-PC", "PRODUCT-C"));

        // A's app provisions (webhook); B and any other product are provisioned at once, each with its template.
        Assert.Equal(("000004", "000000", "000000"), (a.ResultCode, b.ResultCode, other.ResultCode));
        await using (var db = host.OpenDb())
        {
            var urls = await db.Instances.AsNoTracking().ToDictionaryAsync(i => i.InstanceId, i => i.FrontEndUrl);
            Assert.Null(urls["biz-pa"]);
            Assert.Equal("https://b.example.com/tenants/biz-pb", urls["biz-pb"]);
            Assert.Equal("https://default.example.com/biz-pc", urls["biz-pc"]);
        }

        // A's events go to A's app, signed with A's secret; the others have no webhook and go nowhere.
        var delivered = await appA.NextAsync();
        Assert.Equal("biz-pa", delivered.Json.GetProperty("data").GetProperty("instanceId").GetString());
        new Client.Events.WebhookVerifier(SecretOfA, host.Clock).ConstructEvent(delivered.Headers, delivered.Body);
        Assert.Throws<Client.Events.WebhookVerificationException>(() =>
            new Client.Events.WebhookVerifier(KooGateHostWebhookSecret, host.Clock).ConstructEvent(delivered.Headers, delivered.Body));
        await Eventually.UntilAsync(
            async () =>
            {
                await using var db = host.OpenDb();
                return await db.Outbox.AnyAsync(m => m.InstanceId == "biz-pb" && m.LastError != null && m.LastError.Contains("no webhook URL"));
            },
            "B's event to be held back for want of a webhook");
        Assert.False(appA.TryTake(out _));
    }

    [Theory]
    [InlineData("KooGate:Products:1:ProductId", "PRODUCT-A", "configured twice")]
    [InlineData("KooGate:Products:1:Webhook:Url", "not a url", "is not an absolute http(s) URL")]
    [InlineData("KooGate:Products:1:Provisioning:Mode", "Webhook", "Mode is Webhook but no webhook URL applies")]
    [InlineData("KooGate:Products:1:ChangeCheck:Policy", "Webhook", "Policy is Webhook but no decision URL applies")]
    [InlineData("KooGate:ChangeCheck:TimeoutMilliseconds", "5000", "TimeoutMilliseconds must be 100 to 4000")]
    [InlineData("KooGate:Products:1:Webhook:Secret", "not-a-whsec-secret", "Webhook:Secret must be one or more space-separated whsec_ secrets")]
    public void A_bad_product_setting_stops_the_server_at_start_with_one_clear_line(string key, string value, string expected)
    {
        using var host = new KooGateHost(settings: new Dictionary<string, string?>
        {
            ["KooGate:Products:0:ProductId"] = "PRODUCT-A",
            ["KooGate:Products:1:ProductId"] = "PRODUCT-B",
            [key] = value,
        });

        var failure = Assert.ThrowsAny<OptionsValidationException>(() => host.Http);
        Assert.Contains(expected, failure.Message, StringComparison.Ordinal);
        Assert.Contains("KooGate:", failure.Message, StringComparison.Ordinal);
    }

    private const string KooGateHostWebhookSecret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

    private const string SecretOfA = "whsec_dGhlIHNlY3JldCBvZiBwcm9kdWN0IEEsIDMyIGJ5dGVzIQ==";

    private static List<KeyValuePair<string, string?>> Create(string businessId, string orderId, string productId)
    {
        var list = V1NewInstanceTests.Create(businessId, orderId);
        list.RemoveAll(p => p.Key == "productId");
        list.Add(new("productId", productId));
        return list;
    }
}

using System.Text.Json.Nodes;
using KooGate.Client.Events;
using KooGate.Emulator.Tests.AgainstServer;
using KooGate.Testing.Databases;
using KooGate.Testing.Emulator;
using KooGate.Testing.Server;
using Microsoft.EntityFrameworkCore;

namespace Tenants.Sample.Tests;

/// <summary>
/// Emulator → KooGate.Server → samples/Tenants.Sample, all real HTTP over loopback on one fake wall clock: the
/// sample runs its tenants from KooGate's Standard Webhooks events alone and, in webhook mode, is KooGate's provisioner.
/// The marketplace's days pass on the emulator's virtual clock; KooGate's workers (order fetch, outbox) are nudged on
/// the shared wall clock.
/// </summary>
public abstract class TenantsTest(DatabaseKind database) : AgainstServerTest(serverFetchesOrders: true, database)
{
    protected const string Customer = "acme-ltd";
    protected const string CustomerName = "ACME Trading Ltd";

    private readonly string _webhookSecret = WebhookSignature.NewSecret();

    protected SampleHost Sample { get; } = new();

    protected override IReadOnlyDictionary<string, string>? ServerSettings => new Dictionary<string, string>(MoreServerSettings)
    {
        ["KooGate:Webhook:Url"] = Sample.EventsUrl.ToString(),
        ["KooGate:Webhook:Secret"] = _webhookSecret,
        ["KooGate:Webhook:PollIntervalMilliseconds"] = "50",
    };

    /// <summary>More server settings for a test class.</summary>
    protected virtual IReadOnlyDictionary<string, string> MoreServerSettings => new Dictionary<string, string>();

    protected override async Task ArrangeAsync()
    {
        var production = Server.ProductionUrl;
        await Sample.StartAsync(Server.ClientOptions.BaseAddress, TestKeys.AdminApiKey, _webhookSecret, WallClock);
        await Emulator.PostAsync("/api/buyers", new { customerId = Customer, customerName = CustomerName, mobile = "13900000000", email = "it@acme.example" });
        foreach (var (id, price, notifyFirst) in new[] { ("TEAM-M", 10m, false), ("TEAM-PLUS-M", 20m, false), ("NOTIFY-M", 10m, true), ("NOTIFY-PLUS-M", 20m, true) })
        {
            await Emulator.AddProductAsync(new
            {
                productId = id,
                skuCode = id + "-SKU",
                chargingMode = "PERIOD",
                periodType = "month",
                price,
                interfaceVersion = "SaasV2",
                productionUrl = production,
                basicKey = TestKeys.Basic,
                changeCheck = true,
                orderNotifyUrl = notifyFirst ? production : null,
                generalKey = notifyFirst ? TestKeys.General : null,
                orderNotifyFirst = notifyFirst,
            });
        }
    }

    public override async Task DisposeAsync()
    {
        await Sample.DisposeAsync();
        await base.DisposeAsync();
    }

    /// <summary>
    /// Buys <paramref name="productId"/> for the named customer. In webhook mode newInstance answers 000004 and the
    /// marketplace polls queryInstance; the sample completes the instance when <c>instance.created</c> reaches it, and the
    /// marketplace's next poll (five virtual minutes on) completes the order.
    /// </summary>
    protected async Task<(string ResourceId, string InstanceId)> BuyAsync(string productId, int quantity)
    {
        var order = await Emulator.OrderAsync(new { type = "NEW", customerId = Customer, productId, linearValue = quantity });
        Assert.Equal("Delivering", Text(order, "status"));
        var resourceId = EmulatorHost.Text(order["resourceId"]);
        var instanceId = EmulatorHost.Text((await Emulator.ResourceAsync(resourceId))["instanceId"]);
        await TenantAsync(instanceId, t => Text(t, "state") == "active", "the sample provisioned the tenant");
        await Emulator.AdvanceAsync(KooGate.Emulator.Delivery.RetrySchedule.PollInterval);
        Assert.Equal("Completed", Text(await Emulator.GetAsync($"/api/orders/{Text(order, "orderId")}"), "status"));
        return (resourceId, instanceId);
    }

    /// <summary>Nudges KooGate's clock until the sample's JSON endpoint shows the tenant in the expected shape.</summary>
    protected Task<JsonNode> TenantAsync(string instanceId, Func<JsonNode, bool> expected, string what) =>
        Server.NudgeUntilAsync(async () => await Sample.TenantAsync(instanceId) is { } tenant && expected(tenant) ? tenant : null, what);

    protected static string? Text(JsonNode node, string name) => node[name]?.GetValue<string>();

    protected static decimal? Quantity(JsonNode tenant) => tenant["quantity"]?.GetValue<decimal>();

    /// <summary>Expiry to the second (the marketplace's times carry no milliseconds on the wire).</summary>
    protected static long? Expiry(JsonNode node) => node["expireTime"]?.GetValue<DateTimeOffset>().ToUnixTimeSeconds();
}

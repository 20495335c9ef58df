using System.Text.Json.Nodes;
using KooGate.Client.Events;
using KooGate.Emulator.Tests.AgainstServer;
using KooGate.Emulator.Tests.Infrastructure;
using KooGate.Server.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Tenants.Sample.Tests;

/// <summary>
/// Emulator → KooGate.Server → samples/Tenants.Sample, all real HTTP over loopback on one fake wall clock: the
/// sample runs its tenants from KooGate's Standard Webhooks events alone and, in webhook mode, is KooGate's provisioner.
/// The marketplace's days pass on the emulator's virtual clock; KooGate's workers (order fetch, outbox) are nudged on
/// the shared wall clock.
/// </summary>
public abstract class TenantsEndToEndTest(DatabaseKind database) : AgainstServerTest(serverFetchesOrders: true, database)
{
    private const string Customer = "acme-ltd";
    private const string CustomerName = "ACME Trading Ltd";

    private readonly string _webhookSecret = WebhookSignature.NewSecret();

    protected SampleHost Sample { get; } = new();

    protected override IReadOnlyDictionary<string, string>? ServerSettings => new Dictionary<string, string>
    {
        ["KooGate:Webhook:Url"] = Sample.EventsUrl.ToString(),
        ["KooGate:Webhook:Secret"] = _webhookSecret,
        ["KooGate:Webhook:PollIntervalMilliseconds"] = "50",
    };

    protected override async Task ArrangeAsync()
    {
        var production = Server.ProductionUrl;
        await Sample.StartAsync(Server.ClientOptions.BaseAddress, ServerHost.AdminApiKey, _webhookSecret, WallClock);
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
                basicKey = ServerHost.BasicKey,
                changeCheck = true,
                orderNotifyUrl = notifyFirst ? production : null,
                generalKey = notifyFirst ? ServerHost.GeneralKey : null,
                orderNotifyFirst = notifyFirst,
            });
        }
    }

    public override async Task DisposeAsync()
    {
        await Sample.DisposeAsync();
        await base.DisposeAsync();
    }

    [Fact]
    public async Task The_sample_follows_a_purchase_through_renewal_renewal_change_upgrade_freeze_and_release_from_events_alone()
    {
        var (resourceId, instanceId) = await BuyAsync("TEAM-M", quantity: 20);
        var resource = await Emulator.ResourceAsync(resourceId);
        var tenant = await TenantAsync(instanceId, t => Text(t, "state") == "active", "the sample provisioned the tenant");
        Assert.Equal((CustomerName, "TEAM-M", "TEAM-M-SKU", 20m), (Text(tenant, "customerName"), Text(tenant, "productId"), Text(tenant, "skuCode"), Quantity(tenant)));
        Assert.Equal(Expiry(resource), Expiry(tenant));
        Assert.Equal(Text(tenant, "frontEndUrl"), Text(resource["appInfo"]!, "frontEndUrl"));

        // Renewal: a month more.
        await Emulator.OrderAsync(new { type = "RENEW", resourceId, periodNumber = 1 });
        var renewed = Expiry(await Emulator.ResourceAsync(resourceId));
        Assert.True(renewed > Expiry(resource));
        tenant = await TenantAsync(instanceId, t => Expiry(t) == renewed, "the renewal reached the sample");
        Assert.Equal(EventTypes.InstanceRenewed, Text(tenant, "lastEvent"));

        // 续费变更: renewed onto another SKU with another quantity.
        var change = await Emulator.OrderAsync(new { type = "RENEW", resourceId, productId = "TEAM-PLUS-M", linearValue = 25 });
        Assert.Equal("Completed", Text(change, "status"));
        var changed = Expiry(await Emulator.ResourceAsync(resourceId));
        tenant = await TenantAsync(instanceId, t => Quantity(t) == 25m && Expiry(t) == changed, "the renewal change reached the sample");
        Assert.Equal(("TEAM-PLUS-M", "TEAM-PLUS-M-SKU", CustomerName), (Text(tenant, "productId"), Text(tenant, "skuCode"), Text(tenant, "customerName")));

        // Upgrade: more seats now.
        var upgrade = await Emulator.OrderAsync(new { type = "CHANGE", resourceId, productId = "TEAM-PLUS-M", linearValue = 40 });
        Assert.Equal("Completed", Text(upgrade, "status"));
        tenant = await TenantAsync(instanceId, t => Quantity(t) == 40m, "the upgrade reached the sample");
        Assert.Equal((EventTypes.InstanceUpgraded, "TEAM-PLUS-M-SKU", changed), (Text(tenant, "lastEvent"), Text(tenant, "skuCode"), Expiry(tenant)));

        // Past expiry the marketplace freezes the instance; after the freeze period it releases it.
        await Emulator.AdvanceAsync(DateTimeOffset.FromUnixTimeSeconds(changed!.Value) - await Emulator.NowAsync() + TimeSpan.FromMinutes(1));
        Assert.Equal("Frozen", Text(await Emulator.ResourceAsync(resourceId), "state"));
        await TenantAsync(instanceId, t => Text(t, "state") == "frozen", "the freeze reached the sample");
        await Emulator.AdvanceAsync(TimeSpan.FromDays(15));
        Assert.Equal("Released", Text(await Emulator.ResourceAsync(resourceId), "state"));
        tenant = await TenantAsync(instanceId, t => Text(t, "state") == "released", "the release reached the sample");
        Assert.Equal((40m, "TEAM-PLUS-M-SKU"), (Quantity(tenant), Text(tenant, "skuCode")));
        Assert.Single(await Sample.TenantsAsync());
    }

    [Fact]
    public async Task A_provisioning_that_fails_once_is_delivered_again_and_KooGallerys_next_poll_gets_000000()
    {
        Sample.Workspace.FailuresLeft = 1;
        var (resourceId, instanceId) = await BuyAsync("TEAM-M", quantity: 20);

        var tenant = await TenantAsync(instanceId, t => Text(t, "state") == "active", "the sample's second attempt provisioned the tenant");
        Assert.Equal([instanceId, instanceId], Sample.Workspace.Attempts);
        Assert.Equal(20m, Quantity(tenant));

        var create = (await Emulator.CallsAsync(resourceId)).Single(c => Text(c!, "activity") == "newInstance")!;
        var answers = create["calls"]!.AsArray().Select(a => Text(a!, "resultCode")).ToList();
        Assert.Equal("000004", answers[0]);
        Assert.Equal("000000", answers[^1]);
        Assert.Equal("Succeeded", Text(create, "state"));
        Assert.Equal("Active", Text(await Emulator.ResourceAsync(resourceId), "state"));
    }

    [Fact]
    public async Task Order_notifications_sent_first_leave_one_tenant_with_the_newest_purchase()
    {
        var (resourceId, instanceId) = await BuyAsync("NOTIFY-M", quantity: 20);
        var tenant = await TenantAsync(instanceId, t => Text(t, "state") == "active", "the sample provisioned the tenant");
        Assert.Equal((CustomerName, "NOTIFY-M-SKU", 20m), (Text(tenant, "customerName"), Text(tenant, "skuCode"), Quantity(tenant)));

        var upgrade = await Emulator.OrderAsync(new { type = "CHANGE", resourceId, productId = "NOTIFY-PLUS-M", linearValue = 30 });
        Assert.Equal("Completed", Text(upgrade, "status"));
        tenant = await TenantAsync(instanceId, t => Quantity(t) == 30m, "the upgrade reached the sample");
        Assert.Equal("NOTIFY-PLUS-M-SKU", Text(tenant, "skuCode"));

        var activities = (await Emulator.CallsAsync(resourceId)).OrderBy(d => d!["calls"]![0]!["id"]!.GetValue<long>()).Select(d => Text(d!, "activity"));
        Assert.Equal(["orderNotify", "newInstance", "orderNotify", "upgradeInstance"], activities);
        Assert.Single(await Sample.TenantsAsync());
        await using var db = Server.OpenDb();
        var instance = await db.Instances.SingleAsync();
        Assert.Equal((instanceId, "NOTIFY-PLUS-M-SKU"), (instance.InstanceId, instance.SkuCode));
    }

    /// <summary>
    /// Buys <paramref name="productId"/> for the named customer. In webhook mode newInstance answers 000004 and the
    /// marketplace polls queryInstance; the sample completes the instance when <c>instance.created</c> reaches it, and the
    /// marketplace's next poll (five virtual minutes on) completes the order.
    /// </summary>
    private async Task<(string ResourceId, string InstanceId)> BuyAsync(string productId, int quantity)
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
    private Task<JsonNode> TenantAsync(string instanceId, Func<JsonNode, bool> expected, string what) =>
        Server.NudgeUntilAsync(async () => await Sample.TenantAsync(instanceId) is { } tenant && expected(tenant) ? tenant : null, what);

    private static string? Text(JsonNode node, string name) => node[name]?.GetValue<string>();

    private static decimal? Quantity(JsonNode tenant) => tenant["quantity"]?.GetValue<decimal>();

    /// <summary>Expiry to the second (the marketplace's times carry no milliseconds on the wire).</summary>
    private static long? Expiry(JsonNode node) => node["expireTime"]?.GetValue<DateTimeOffset>().ToUnixTimeSeconds();
}

public sealed class TenantsOnSqliteTests() : TenantsEndToEndTest(DatabaseKind.Sqlite);

public sealed class TenantsOnPostgresTests() : TenantsEndToEndTest(DatabaseKind.Postgres);

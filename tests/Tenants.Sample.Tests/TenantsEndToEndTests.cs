using KooGate.Client.Events;
using KooGate.Testing.Databases;
using Microsoft.EntityFrameworkCore;

namespace Tenants.Sample.Tests;

/// <summary>The hand-off's "done when": a SaaS V2 purchase and its life, as the sample app sees it, on each database.</summary>
public abstract class TenantsEndToEndTest(DatabaseKind database) : TenantsTest(database)
{
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
}

public sealed class TenantsOnSqliteTests() : TenantsEndToEndTest(DatabaseKind.Sqlite);

public sealed class TenantsOnPostgresTests() : TenantsEndToEndTest(DatabaseKind.Postgres);

using KooGate.Server.Data;
using KooGate.Server.Provisioning;
using KooGate.Server.Tests.Infrastructure;
using KooGate.Testing.Databases;
using KooGate.Testing.Server;
using Microsoft.EntityFrameworkCore;

namespace KooGate.Server.Tests.License;

public sealed class LegacyLicenseTests
{
    private static List<KeyValuePair<string, string?>> GetLicense(string businessId, string orderId = "CS0000000001", string? testFlag = null)
    {
        List<KeyValuePair<string, string?>> list =
        [
            new("activity", "getLicense"), new("customerId", "cust001"), new("businessId", businessId), new("orderId", orderId),
            new("productId", "OFFI000001"), new("skuCode", "sku-1"), new("expireTime", "20300101000000"), new("amount", "3"),
        ];
        if (testFlag is not null)
        {
            list.Add(new("testFlag", testFlag));
        }

        return list;
    }

    private static string PublicKey(KooGateHost host) =>
        File.ReadAllText(Path.Combine(((Microsoft.Extensions.Options.IOptions<Configuration.KooGateOptions>)host.Services.GetService(typeof(Microsoft.Extensions.Options.IOptions<Configuration.KooGateOptions>))!).Value.DataDirectory, LicenseSigningKey.PublicFileName));

    [Fact]
    public async Task Same_order_always_returns_the_same_signed_license_that_verifies_offline()
    {
        using var host = new KooGateHost();
        var marketplace = new V1MarketplaceClient(host);
        var first = await marketplace.GetAsync(GetLicense("biz-0001"));
        host.Clock.Advance(TimeSpan.FromHours(1));
        var retry = await marketplace.GetAsync(GetLicense("biz-0002"));

        Assert.True(first.ResultCode == "000000", first.Body);
        V1MarketplaceClient.AssertBodySigned(first);
        Assert.Equal(("biz-0001", "biz-0001"), (first.Get("instanceId"), retry.Get("instanceId")));
        var license = first.Get("license")!;
        Assert.Equal(license, retry.Get("license"));

        Assert.True(LicenseDocument.TryVerify(license, PublicKey(host), out var header, out var claims));
        Assert.Equal("koogate-license+jwt", header.GetProperty("typ").GetString());
        Assert.Equal(("biz-0001", "CS0000000001", "OFFI000001", "sku-1", "cust001", 3), (claims.GetProperty("instanceId").GetString(),
            claims.GetProperty("orderId").GetString(), claims.GetProperty("productId").GetString(), claims.GetProperty("skuCode").GetString(),
            claims.GetProperty("sub").GetString(), claims.GetProperty("amount").GetInt32()));
        Assert.Equal(new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero).ToUnixTimeSeconds(), claims.GetProperty("exp").GetInt64());
        var tampered = license[..^2] + (license[^2] == 'A' ? "B" : "A") + license[^1];
        Assert.False(LicenseDocument.TryVerify(tampered, PublicKey(host), out _, out _));

        using var db = host.OpenDb();
        Assert.Equal(InstanceState.Active, (await db.Instances.SingleAsync()).State);
        Assert.Equal(1, await db.Set<LicenseGrant>().CountAsync());
    }

    [Theory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task Concurrent_duplicate_deliveries_converge_on_one_instance_and_one_license(DatabaseKind database)
    {
        using var host = new KooGateHost(database, Reliability.ConcurrentDuplicateTests.QuietDatabaseLog);
        var marketplace = new V1MarketplaceClient(host);
        _ = host.Http; // starts (and migrates) once, before the concurrent calls
        var replies = await Task.WhenAll(Enumerable.Range(0, 16).Select(i => Task.Run(() => marketplace.GetAsync(GetLicense($"dup-{i:D2}", "DUP-ORDER")))));

        Assert.All(replies, r => Assert.True(r.ResultCode == "000000", r.Body));
        var instanceId = Assert.Single(replies.Select(r => r.Get("instanceId")).Distinct());
        Assert.Single(replies.Select(r => r.Get("license")).Distinct());
        using var db = host.OpenDb();
        Assert.Equal(instanceId, (await db.Instances.AsNoTracking().SingleAsync()).InstanceId);
        Assert.Equal(1, await db.Set<LicenseGrant>().CountAsync());
        Assert.Equal(1, await db.InstanceEvents.CountAsync(e => e.Type == "created"));
    }

    [Fact]
    public async Task Renew_expire_and_release_follow_the_instance_and_unknown_instances_answer_signed_000003()
    {
        using var host = new KooGateHost();
        var marketplace = new V1MarketplaceClient(host);
        var id = (await marketplace.GetAsync(GetLicense("lic-1"))).Get("instanceId");

        var renew = new { activity = "refreshLicense", instanceId = id, orderId = "RENEW-1", expireTime = "20310101000000" };
        Assert.Equal("000000", (await marketplace.GetAsync(renew)).ResultCode);
        Assert.Equal("000000", (await marketplace.GetAsync(renew)).ResultCode);
        Assert.Equal("000000", (await marketplace.GetAsync(new { activity = "expireLicense", instanceId = id, orderId = "CS0000000001" })).ResultCode);
        using (var db = host.OpenDb())
        {
            var instance = await db.Instances.SingleAsync();
            Assert.Equal((InstanceState.Frozen, new DateTimeOffset(2031, 1, 1, 0, 0, 0, TimeSpan.Zero)), (instance.State, instance.ExpireTime));
            Assert.Equal(1, await db.InstanceEvents.CountAsync(e => e.Type == "renewed"));
        }

        Assert.Equal("000000", (await marketplace.GetAsync(new { activity = "releaseLicense", instanceId = id, orderId = "CS0000000001" })).ResultCode);
        Assert.Equal("000000", (await marketplace.GetAsync(new { activity = "releaseLicense", instanceId = id, orderId = "CS0000000001" })).ResultCode);
        foreach (var call in new object[]
                 {
                     new { activity = "refreshLicense", instanceId = "nope", orderId = "R", expireTime = "20310101000000" },
                     new { activity = "expireLicense", instanceId = "nope" },
                     new { activity = "releaseLicense", instanceId = "nope", orderId = "O" },
                     new { activity = "refreshLicense", instanceId = id, orderId = "RENEW-2", expireTime = "20320101000000" },
                 })
        {
            var reply = await marketplace.GetAsync(call);
            Assert.Equal("000003", reply.ResultCode);
            V1MarketplaceClient.AssertBodySigned(reply);
        }

        using var after = host.OpenDb();
        Assert.Equal(InstanceState.Released, (await after.Instances.SingleAsync()).State);
    }

    [Fact]
    public async Task Test_flag_probe_gets_a_license_kept_apart_from_the_real_order()
    {
        using var host = new KooGateHost();
        var marketplace = new V1MarketplaceClient(host);
        var probe = await marketplace.GetAsync(GetLicense("probe-1", "MOCK-LIC", "1"));
        var real = await marketplace.GetAsync(GetLicense("real-1", "MOCK-LIC"));
        Assert.Equal(("000000", "probe-1"), (probe.ResultCode, probe.Get("instanceId")));
        Assert.Equal("real-1", real.Get("instanceId"));
        Assert.NotEqual(probe.Get("license"), real.Get("license"));
        using var db = host.OpenDb();
        Assert.True((await db.Instances.SingleAsync(i => i.InstanceId == "probe-1")).IsTest);
    }

    [Fact]
    public async Task A_business_id_that_is_another_orders_instance_answers_000002_without_a_license()
    {
        using var host = new KooGateHost();
        var marketplace = new V1MarketplaceClient(host);
        Assert.Equal("000000", (await marketplace.GetAsync(GetLicense("lic-taken", "CS-LIC-FIRST"))).ResultCode);

        var second = await marketplace.GetAsync(GetLicense("lic-taken", "CS-LIC-SECOND"));
        Assert.Equal(("000002", "businessId is already the instance of another order"), (second.ResultCode, second.ResultMsg));
        Assert.Null(second.Get("license"));
        using var db = host.OpenDb();
        Assert.Equal("CS-LIC-FIRST", (await db.Instances.SingleAsync()).OrderId);
        Assert.Equal(1, await db.Set<LicenseGrant>().CountAsync());
    }
}

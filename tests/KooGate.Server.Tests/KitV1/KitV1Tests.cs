using System.Text.Json;
using KooGate.Server.Tests.Infrastructure;
using KooGate.Testing.Server;
using Microsoft.EntityFrameworkCore;

namespace KooGate.Server.Tests.KitV1;

public sealed class KitV1Tests : IDisposable
{
    private readonly KooGateHost _host = new();
    private readonly V1MarketplaceClient _v1;
    private readonly MarketplaceClient _v2;

    public KitV1Tests()
    {
        _v1 = new V1MarketplaceClient(_host);
        _v2 = new MarketplaceClient(_host);
    }

    public void Dispose() => _host.Dispose();

    /// <summary>Kit timeStamp is UTC+8 (README decision 8).</summary>
    private string Now => Protocol.KooTime.ToChina17(_host.Clock.GetUtcNow());

    private object Tenant(int flag, int testFlag = 0, string instanceId = "huaiweitest123456", string orderId = "CS1906666666ABCDE") => new
    {
        instanceId,
        orderId,
        tenantId = "68cbc86abc2018ab880d92f36422fa0e",
        tenantCode = "huawei",
        name = "huaiweitest",
        domainName = "https://example.tenantaccount.com",
        flag,
        testFlag,
        timeStamp = Now,
    };

    [Fact]
    public async Task Tenant_sync_with_the_header_token_shares_storage_with_kit_v2()
    {
        var add = await _v1.KitAsync("tenantSync", Tenant(1));
        Assert.True(add.ResultCode == "000000", add.Body);
        V1MarketplaceClient.AssertBodySigned(add);
        Assert.Equal("000000", (await _v1.KitAsync("tenantSync", Tenant(1))).ResultCode);
        using (var db = _host.OpenDb())
        {
            var tenant = await db.KitTenants.AsNoTracking().SingleAsync();
            Assert.Equal(("huawei", "https://example.tenantaccount.com", false), (tenant.TenantCode, tenant.DomainName, tenant.Deleted));
        }

        // The same tenant deleted through Kit V2 is the same row.
        var delete = await _v2.KitAsync("tenantSync", new { instanceId = "huaiweitest123456", orderId = "", tenantId = "68cbc86abc2018ab880d92f36422fa0e", flag = 0, testFlag = 0, timeStamp = Now });
        Assert.Equal("000000", delete.ResultCode);
        using var after = _host.OpenDb();
        Assert.True((await after.KitTenants.SingleAsync()).Deleted);

        // The callback log is written after the answer has gone out, so the last call's row may still be on its way.
        await Eventually.UntilAsync(
            async () =>
            {
                await using var db = _host.OpenDb();
                return await db.CallbackLogs.CountAsync() >= 3;
            },
            "the three calls to reach the callback log");
        Assert.Equal(["kit-v1", "kit-v1", "kit-v2"], await after.CallbackLogs.OrderBy(l => l.Id).Select(l => l.Family).ToListAsync());
    }

    [Fact]
    public async Task Credential_application_with_empty_ids_and_v1_string_lists_are_accepted()
    {
        // Empty instanceId/orderId are left out of the token (§2.2 step 2).
        Assert.Equal("000000", (await _v1.KitAsync("tenantSync", Tenant(1, instanceId: "", orderId: ""))).ResultCode);

        var orgInfo = JsonSerializer.Serialize(new[] { new { orgCode = "00000001", name = "产品部", parentCode = "" }, new { orgCode = "00000002", name = "开发部", parentCode = "00000001" } });
        var orgs = await _v1.KitAsync("allOrgSync", new { instanceId = "inst-1", tenantId = "tenant-1", orgInfo, testFlag = 0, timeStamp = Now });
        Assert.True(orgs.ResultCode == "000000", orgs.Body);

        var userList = JsonSerializer.Serialize(new[] { new { userName = "zhangsan01", name = "张三", orgCode = "00000002", role = "admin", enable = "true", extension = new { workPlace = "南京" } } });
        var auth = await _v1.KitAsync("authSync", new { instanceId = "inst-1", tenantId = "tenant-1", appId = "app-1", userList, currentSyncTime = Now, flag = 1, testFlag = 0, timeStamp = Now });
        Assert.True(auth.ResultCode == "000000", auth.Body);
        var single = await _v1.KitAsync("singleOrgSync", new { instanceId = "inst-1", tenantId = "tenant-1", orgCode = "00000003", orgName = "测试部", parentCode = "00000001", flag = 1, testFlag = 0, timeStamp = Now });
        Assert.Equal("000000", single.ResultCode);

        using var db = _host.OpenDb();
        Assert.Equal(["产品部", "开发部", "测试部"], await db.KitOrgs.OrderBy(o => o.OrgCode).Select(o => o.OrgName).ToListAsync());
        var user = await db.KitUsers.SingleAsync();
        Assert.Equal(("admin", "南京"), (user.Role, user.WorkPlace));
        Assert.Equal(1, await db.KitTenants.CountAsync(t => t.InstanceId == ""));
    }

    [Fact]
    public async Task Bad_token_stale_time_unknown_interface_and_probes_are_answered_signed_and_store_nothing()
    {
        var tampered = await _v1.KitAsync("tenantSync", JsonSerializer.Serialize(Tenant(1)), tokenOverride: "AAAA" + new string('B', 40));
        var wrongKey = await _v1.KitAsync("tenantSync", Tenant(1), key: "other-key");
        var stale = await _v1.KitAsync("tenantSync", new
        {
            instanceId = "i",
            orderId = "o",
            tenantId = "t",
            tenantCode = "c",
            name = "n",
            domainName = "https://d",
            flag = 1,
            testFlag = 0,
            timeStamp = Protocol.KooTime.ToChina17(_host.Clock.GetUtcNow().AddHours(-2)),
        });
        var unknown = await _v1.KitAsync("makeCoffee", Tenant(1));
        var probe = await _v1.KitAsync("tenantSync", Tenant(1, testFlag: 1));

        Assert.Equal(("000001", "000001", "000002", "000002", "000000"), (tampered.ResultCode, wrongKey.ResultCode, stale.ResultCode, unknown.ResultCode, probe.ResultCode));
        foreach (var reply in new[] { tampered, wrongKey, stale, unknown, probe })
        {
            V1MarketplaceClient.AssertBodySigned(reply);
        }

        using var db = _host.OpenDb();
        Assert.Equal(0, await db.KitTenants.CountAsync());
    }
}

using System.Text.Json;
using KooGate.Server.Tests.Infrastructure;
using KooGate.Testing.Databases;
using KooGate.Testing.Server;
using Microsoft.EntityFrameworkCore;

namespace KooGate.Server.Tests.KitV2;

public abstract class OrgSyncTests : IDisposable
{
    private readonly KooGateHost _host;
    private readonly DatabaseKind _database;
    private readonly MarketplaceClient _marketplace;

    protected OrgSyncTests(DatabaseKind database)
    {
        _database = database;
        _host = new KooGateHost(database);
        _marketplace = new MarketplaceClient(_host);
    }

    public void Dispose() => _host.Dispose();

    private static object Single(string orgCode, string orgName, int flag, string parentCode = "", int testFlag = 0) => new
    {
        instanceId = "inst-1",
        tenantId = "tenant-1",
        orgCode,
        orgName,
        parentCode,
        flag,
        testFlag,
        timeStamp = "20220413093539534",
    };

    private static object All(object orgInfoList, int testFlag = 0) => new
    {
        instanceId = "inst-1",
        tenantId = "tenant-1",
        orgInfoList,
        testFlag,
        timeStamp = "20220413093539534",
    };

    [Fact]
    public async Task Single_org_add_modify_and_delete_are_idempotent()
    {
        Assert.Equal("000000", (await _marketplace.KitAsync("singleOrgSync", Single("10000", "开发部", 1))).ResultCode);
        Assert.Equal("000000", (await _marketplace.KitAsync("singleOrgSync", Single("10000", "开发部", 1))).ResultCode);
        Assert.Equal("000000", (await _marketplace.KitAsync("singleOrgSync", Single("10000", "研发部", 2, parentCode: "1"))).ResultCode);
        using (var db = _host.OpenDb())
        {
            var org = await db.KitOrgs.SingleAsync();
            Assert.Equal(("研发部", "1", false), (org.OrgName, org.ParentCode, org.Deleted));
        }

        Assert.Equal("000000", (await _marketplace.KitAsync("singleOrgSync", Single("10000", "研发部", 0))).ResultCode);
        Assert.Equal("000000", (await _marketplace.KitAsync("singleOrgSync", Single("10000", "研发部", 0))).ResultCode);
        Assert.Equal("000000", (await _marketplace.KitAsync("singleOrgSync", Single("unknown", "x", 0))).ResultCode);
        using (var db = _host.OpenDb())
        {
            Assert.True((await db.KitOrgs.SingleAsync()).Deleted);
        }
    }

    [Fact]
    public async Task Single_org_missing_org_code_answers_000002()
    {
        var reply = await _marketplace.KitAsync("singleOrgSync", """{"instanceId":"i","tenantId":"t","orgName":"n","flag":1,"testFlag":0,"timeStamp":"20220413093539534"}""");
        Assert.Equal("000002", reply.ResultCode);
        Assert.Contains("orgCode", reply.ResultMsg, StringComparison.Ordinal);
    }

    [Fact]
    public async Task All_org_array_replaces_the_tenant_tree()
    {
        var first = new[] { new { orgCode = "1", orgName = "总部", parentCode = "" }, new { orgCode = "2", orgName = "产品部", parentCode = "1" }, new { orgCode = "3", orgName = "销售部", parentCode = "1" } };
        Assert.Equal("000000", (await _marketplace.KitAsync("allOrgSync", All(first))).ResultCode);
        await _marketplace.KitAsync("singleOrgSync", new { instanceId = "inst-1", tenantId = "other", orgCode = "9", orgName = "x", flag = 1, testFlag = 0, timeStamp = "20220413093539534" });
        var second = new[] { new { orgCode = "1", orgName = "总部", parentCode = "" }, new { orgCode = "3", orgName = "市场部", parentCode = "1" }, new { orgCode = "4", orgName = "新部门", parentCode = "3" } };
        Assert.Equal("000000", (await _marketplace.KitAsync("allOrgSync", All(second))).ResultCode);
        Assert.Equal("000000", (await _marketplace.KitAsync("allOrgSync", All(second))).ResultCode);

        using var db = _host.OpenDb();
        var orgs = await db.KitOrgs.Where(o => o.TenantId == "tenant-1").OrderBy(o => o.OrgCode).ToListAsync();
        Assert.Equal(["1", "2", "3", "4"], orgs.Select(o => o.OrgCode));
        Assert.Equal([false, true, false, false], orgs.Select(o => o.Deleted));
        Assert.Equal("市场部", orgs[2].OrgName);
        Assert.Null(orgs[0].ParentCode);
        Assert.False((await db.KitOrgs.SingleAsync(o => o.TenantId == "other")).Deleted);
    }

    [Fact]
    public async Task All_org_string_forms_including_bare_keys_are_accepted()
    {
        var json = JsonSerializer.Serialize(new[] { new { orgCode = "00000001", orgName = "产品部", parentCode = "" } });
        Assert.Equal("000000", (await _marketplace.KitAsync("allOrgSync", All(json))).ResultCode);
        var bare = """[{orgCode:"00000001", orgName:"产品部", parentCode:""},{orgCode:"00000002", orgName:"a: b, c", parentCode:"00000001"}]""";
        var reply = await _marketplace.KitAsync("allOrgSync", All(bare));
        Assert.True(reply.ResultCode == "000000", reply.Body);
        using var db = _host.OpenDb();
        var orgs = await db.KitOrgs.OrderBy(o => o.OrgCode).ToListAsync();
        Assert.Equal(["00000001", "00000002"], orgs.Select(o => o.OrgCode));
        Assert.Equal("a: b, c", orgs[1].OrgName);
    }

    [Fact]
    public async Task All_org_bad_list_answers_000002_naming_it()
    {
        var reply = await _marketplace.KitAsync("allOrgSync", All("not a list"));
        Assert.Equal("000002", reply.ResultCode);
        Assert.Contains("orgInfoList", reply.ResultMsg, StringComparison.Ordinal);
        var missing = await _marketplace.KitAsync("allOrgSync", All(new[] { new { orgName = "x" } }));
        Assert.Contains("orgInfoList[0].orgCode", missing.ResultMsg, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Test_flag_writes_nothing()
    {
        Assert.Equal("000000", (await _marketplace.KitAsync("allOrgSync", All(new[] { new { orgCode = "1", orgName = "x" } }, testFlag: 1))).ResultCode);
        Assert.Equal("000000", (await _marketplace.KitAsync("singleOrgSync", Single("1", "x", 1, testFlag: 1))).ResultCode);
        using var db = _host.OpenDb();
        Assert.Equal(0, await db.KitOrgs.CountAsync());
    }
}

public sealed class OrgSyncOnSqlite() : OrgSyncTests(DatabaseKind.Sqlite);

public sealed class OrgSyncOnPostgres() : OrgSyncTests(DatabaseKind.Postgres);

using System.Net;
using KooGate.Server.Data;
using KooGate.Server.Tests.Infrastructure;
using KooGate.Testing.Server;

namespace KooGate.Server.Tests.Admin;

public sealed class TenantAdminTests : IDisposable
{
    private readonly KooGateHost _host = new();
    private readonly AdminClient _admin;

    public TenantAdminTests() => _admin = new AdminClient(_host);

    public void Dispose() => _host.Dispose();

    private async Task SeedAsync()
    {
        var at = _host.Clock.GetUtcNow();
        using var db = _host.OpenDb();
        for (var n = 0; n < 7; n++)
        {
            db.KitTenants.Add(new KitTenant { InstanceId = $"inst-{n}", TenantId = $"tenant-{n}", Name = n == 3 ? "Acme Robotics" : $"Company {n}", UpdatedAt = at.AddMinutes(n) });
        }

        db.KitApplications.Add(new KitApplication { InstanceId = "inst-3", TenantId = "tenant-3", AppId = "app-1", ClientId = "client-1", ProtectedClientSecret = "SECRET-CIPHERTEXT", UpdatedAt = at });
        db.KitUsers.Add(new KitUser { InstanceId = "inst-3", TenantId = "tenant-3", AppId = "app-1", UserName = "ada", OrgCode = "20", Enabled = true, Authorized = true, UpdatedAt = at });
        db.KitOrgs.AddRange(
            new KitOrg { InstanceId = "inst-3", TenantId = "tenant-3", OrgCode = "10", OrgName = "Head office", ParentCode = "", UpdatedAt = at },
            new KitOrg { InstanceId = "inst-3", TenantId = "tenant-3", OrgCode = "20", OrgName = "Engineering", ParentCode = "10", UpdatedAt = at },
            new KitOrg { InstanceId = "inst-3", TenantId = "tenant-3", OrgCode = "30", OrgName = "Robots", ParentCode = "20", UpdatedAt = at },
            new KitOrg { InstanceId = "inst-3", TenantId = "tenant-3", OrgCode = "40", OrgName = "Orphan", ParentCode = "99", UpdatedAt = at });
        await db.SaveChangesAsync();
    }

    [Fact]
    public async Task List_pages_with_a_total_newest_first_and_searches_by_name()
    {
        await SeedAsync();
        var (status, page) = await _admin.GetAsync("/admin/api/tenants?skip=2&take=3");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(7, page.GetProperty("total").GetInt32());
        Assert.Equal(["tenant-4", "tenant-3", "tenant-2"], page.GetProperty("items").EnumerateArray().Select(t => t.GetProperty("tenantId").GetString()));

        var (_, found) = await _admin.GetAsync("/admin/api/tenants?q=Robotics");
        Assert.Equal(1, found.GetProperty("total").GetInt32());
        Assert.Equal("inst-3", found.GetProperty("items")[0].GetProperty("instanceId").GetString());
    }

    [Fact]
    public async Task Details_nest_the_department_tree_and_never_show_the_client_secret()
    {
        await SeedAsync();
        var (status, body) = await _admin.GetAsync("/admin/api/tenants/inst-3/tenant-3");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.DoesNotContain("SECRET-CIPHERTEXT", body.GetRawText(), StringComparison.Ordinal);
        Assert.True(body.GetProperty("applications")[0].GetProperty("hasClientSecret").GetBoolean());
        Assert.Equal("ada", body.GetProperty("users")[0].GetProperty("userName").GetString());
        var roots = body.GetProperty("orgs");
        Assert.Equal(["Head office", "Orphan"], roots.EnumerateArray().Select(o => o.GetProperty("orgName").GetString()).Order());
        var head = roots.EnumerateArray().Single(o => o.GetProperty("orgCode").GetString() == "10");
        Assert.Equal("30", head.GetProperty("children")[0].GetProperty("children")[0].GetProperty("orgCode").GetString());
    }

    [Fact]
    public async Task An_unknown_tenant_is_a_404_problem()
    {
        var (status, body) = await _admin.GetAsync("/admin/api/tenants/inst-x/tenant-x");
        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Equal("unknown tenant", body.GetProperty("title").GetString());
    }

    [Fact]
    public void A_parent_cycle_still_shows_every_department_once()
    {
        var orgs = new[] { Org("a", "b"), Org("b", "a"), Org("c", "c") };
        var tree = KooGate.Server.Admin.OrgTree.Build(orgs);
        Assert.Equal(["a", "b", "c"], Flatten(tree).Order());
    }

    private static KitOrg Org(string code, string parent) => new() { InstanceId = "i", TenantId = "t", OrgCode = code, OrgName = code, ParentCode = parent };

    private static IEnumerable<string> Flatten(IEnumerable<KooGate.Server.Admin.OrgNode> nodes) => nodes.SelectMany(n => Flatten(n.Children).Prepend(n.OrgCode));
}

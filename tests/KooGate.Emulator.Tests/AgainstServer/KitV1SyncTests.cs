using KooGate.Emulator.Tests.Infrastructure;
using KooGate.Server.Configuration;
using KooGate.Testing.Emulator;
using KooGate.Testing.Server;
using Microsoft.EntityFrameworkCore;

namespace KooGate.Emulator.Tests.AgainstServer;

/// <summary>
/// A joint SaaS V1 product (saas-v1-and-joint.md §5): the Kit syncs go to <c>/produceAPI/{name}</c> with an
/// <c>authToken</c> header under the V1 Key, in the V1 shapes (<c>orgInfo</c> and <c>userList</c> as strings), and
/// the real server's <c>Body-Sign</c> replies pass the emulator's checks.
/// </summary>
public sealed class KitV1SyncTests : AgainstServerTest
{
    protected override async Task ArrangeAsync()
    {
        var product = await Emulator.AddProductAsync(new
        {
            productId = "JOINT-V1",
            chargingMode = "PERIOD",
            periodType = "month",
            price = 50m,
            joint = true,
            interfaceVersion = "SaasV1",
            productionUrl = Server.ProductionUrl,
            v1Key = TestKeys.V1,
            kitPublicKeyPem = Server.PublicKeyPem,
        });
        Assert.Equal("V1", EmulatorHost.Text(product["kitVersion"]));
    }

    [Fact]
    public async Task Tenant_application_org_and_user_syncs_reach_the_server_over_kit_v1()
    {
        var order = await Emulator.OrderAsync(new { type = "NEW", customerId = "buyer-1", productId = "JOINT-V1" });
        var resourceId = EmulatorHost.Text(order["resourceId"]);
        var instanceId = EmulatorHost.Text((await Emulator.ResourceAsync(resourceId))["instanceId"]);

        var bound = await Emulator.PostAsync($"/api/instances/{resourceId}/kit/bind", new { tenantName = "Acme V1", tenantCode = "acme-v1" });
        var calls = bound["calls"]!.AsArray();
        Assert.Equal(["tenantSync", "applicationSync", "allOrgSync"], calls.Select(c => EmulatorHost.Text(c!["activity"])));
        foreach (var call in calls)
        {
            var attempt = call!["calls"]![0]!;
            Assert.Equal("success", EmulatorHost.Text(attempt["verdict"]));
            Assert.EndsWith("/produce/produceAPI/" + EmulatorHost.Text(call["activity"]), EmulatorHost.Text(attempt["request"]!["url"]));
            Assert.Matches("(?m)^authToken: [A-Za-z0-9+/]{43}=$", EmulatorHost.Text(attempt["request"]!["headers"]));
            Assert.Contains("Body-Sign: sign_type=\"HMAC-SHA256\"", EmulatorHost.Text(attempt["response"]!["headers"]));
        }

        var allOrg = EmulatorHost.Text(calls[2]!["calls"]![0]!["request"]!["body"]);
        Assert.Contains("\"orgInfo\":\"[", allOrg);
        Assert.DoesNotContain("orgInfoList", allOrg);
        var tenantId = EmulatorHost.Text(bound["tenant"]!["tenantId"]);
        var clientSecret = EmulatorHost.Text(bound["clientSecret"]);

        var granted = await Emulator.PostAsync($"/api/instances/{resourceId}/kit/users", new
        {
            tenantId,
            users = new[] { new { userName = "lisi", name = "Li Si", role = "admin" }, new { userName = "wangwu", name = "Wang Wu", role = "user" } },
        });
        var authSync = granted["calls"]!.AsArray().Single(c => EmulatorHost.Text(c!["activity"]) == "authSync")!["calls"]![0]!;
        Assert.Equal("000000", EmulatorHost.Text(authSync["resultCode"]));
        Assert.Contains("\"userList\":\"[", EmulatorHost.Text(authSync["request"]!["body"]));

        var org = await Emulator.PostAsync($"/api/instances/{resourceId}/kit/orgs", new { tenantId, orgCode = "20000", orgName = "Dev", parentCode = "00000001" });
        Assert.Equal("000000", EmulatorHost.Text(org["calls"]!.AsArray().Single(c => EmulatorHost.Text(c!["activity"]) == "singleOrgSync")!["calls"]![0]!["resultCode"]));

        // Revocation (flag 3) exists in V2 only.
        await Emulator.PostAsync($"/api/instances/{resourceId}/kit/users", new { tenantId, flag = 3, users = new[] { new { userName = "lisi" } } }, expectedStatus: 400);

        await using var db = Server.OpenDb();
        var tenant = await db.KitTenants.SingleAsync(t => t.TenantId == tenantId);
        Assert.Equal(instanceId, tenant.InstanceId);
        Assert.Equal("acme-v1", tenant.TenantCode);
        var application = await db.KitApplications.SingleAsync(a => a.TenantId == tenantId);
        Assert.Equal(clientSecret, new SecretProtector(Convert.ToBase64String(new byte[32])).Unprotect(application.ProtectedClientSecret!));
        Assert.Equal(["lisi", "wangwu"], await db.KitUsers.Where(u => u.TenantId == tenantId).OrderBy(u => u.UserName).Select(u => u.UserName).ToListAsync());
        Assert.Equal("admin", (await db.KitUsers.SingleAsync(u => u.UserName == "lisi")).Role);
        var orgs = await db.KitOrgs.Where(o => o.TenantId == tenantId).OrderBy(o => o.OrgCode).ToListAsync();
        Assert.Equal(["00000001", "20000"], orgs.Select(o => o.OrgCode));
        Assert.Equal("Acme V1", orgs[0].OrgName);
        Assert.Equal("00000001", orgs[1].ParentCode);
    }
}

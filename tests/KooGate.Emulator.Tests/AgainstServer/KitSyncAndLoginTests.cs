using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using KooGate.Emulator.Tests.Infrastructure;
using KooGate.Server.Configuration;
using KooGate.Testing.Emulator;
using KooGate.Testing.Server;
using Microsoft.EntityFrameworkCore;

namespace KooGate.Emulator.Tests.AgainstServer;

/// <summary>
/// A joint product: binding to an enterprise pushes tenant, application and org syncs (x-sign) to the real server,
/// which decrypts clientSecret; a user then logs in through the emulator's OAuth2 identity provider with that secret.
/// </summary>
public sealed class KitSyncAndLoginTests : AgainstServerTest
{
    protected override async Task ArrangeAsync()
    {
        await Emulator.AddProductAsync(new
        {
            productId = "JOINT-M",
            chargingMode = "PERIOD",
            periodType = "month",
            price = 50m,
            joint = true,
            interfaceVersion = "SaasV2",
            productionUrl = Server.ProductionUrl,
            basicKey = TestKeys.Basic,
            kitKey = TestKeys.Kit,
            kitPublicKeyPem = Server.PublicKeyPem,
            redirectUris = new[] { "https://app.example.com/cb" },
        });
    }

    [Fact]
    public async Task Bind_and_grant_sync_to_the_server_and_the_user_logs_in_with_the_synced_client()
    {
        var order = await Emulator.OrderAsync(new { type = "NEW", customerId = "buyer-1", productId = "JOINT-M" });
        var resourceId = EmulatorHost.Text(order["resourceId"]);
        var instanceId = EmulatorHost.Text((await Emulator.ResourceAsync(resourceId))["instanceId"]);

        var bound = await Emulator.PostAsync($"/api/instances/{resourceId}/kit/bind", new { tenantName = "Acme", tenantCode = "acme" });
        var calls = bound["calls"]!.AsArray();
        Assert.Equal(["tenantSync", "applicationSync", "allOrgSync"], calls.Select(c => EmulatorHost.Text(c!["activity"])));
        Assert.All(calls, c => Assert.Equal("000000", EmulatorHost.Text(c!["calls"]![0]!["resultCode"])));
        var tenantId = EmulatorHost.Text(bound["tenant"]!["tenantId"]);
        var clientId = EmulatorHost.Text(bound["clientId"]);
        var clientSecret = EmulatorHost.Text(bound["clientSecret"]);
        var domain = EmulatorHost.Text(bound["tenant"]!["domainName"]);

        var granted = await Emulator.PostAsync($"/api/instances/{resourceId}/kit/users", new
        {
            tenantId,
            users = new[] { new { userName = "zhangsan", name = "Zhang San", role = "admin", email = "zs@example.com" } },
        });
        Assert.Equal("000000", EmulatorHost.Text(granted["calls"]!.AsArray().Last()!["calls"]![0]!["resultCode"]));

        // The server stored the tenant, the decrypted secret and the user.
        string storedSecret;
        await using (var db = Server.OpenDb())
        {
            var tenant = await db.KitTenants.SingleAsync(t => t.TenantId == tenantId);
            Assert.Equal(instanceId, tenant.InstanceId);
            Assert.Equal(domain, tenant.DomainName);
            var application = await db.KitApplications.SingleAsync(a => a.TenantId == tenantId);
            Assert.Equal(clientId, application.ClientId);
            storedSecret = new SecretProtector(Convert.ToBase64String(new byte[32])).Unprotect(application.ProtectedClientSecret!);
            Assert.Equal("admin", (await db.KitUsers.SingleAsync(u => u.UserName == "zhangsan")).Role);
        }

        Assert.Equal(clientSecret, storedSecret);

        // OAuth2 code flow against {domainName}/api/v1/oauth2/*, as the seller's app would run it.
        using var browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
        var authorize = await browser.GetAsync($"{domain}/api/v1/oauth2/authorize?response_type=code&client_id={clientId}&redirect_uri=https%3A%2F%2Fapp.example.com%2Fcb&state=xyz&user=zhangsan");
        Assert.Equal(HttpStatusCode.Redirect, authorize.StatusCode);
        var callback = authorize.Headers.Location!;
        Assert.StartsWith("https://app.example.com/cb?code=", callback.ToString());
        var query = Protocol.Signing.QueryString.Parse(callback.Query, plusAsSpace: false).ToDictionary(p => p.Key, p => p.Value);
        Assert.Equal("xyz", query["state"]);
        Assert.Equal(tenantId, query["tenant"]);

        var token = await TokenAsync(browser, domain, clientId, storedSecret, query["code"]!);
        Assert.Equal(HttpStatusCode.OK, token.Status);
        Assert.Equal("Bearer", EmulatorHost.Text(token.Body["token_type"]));
        Assert.Equal(7200, token.Body["expires_in"]!.GetValue<long>());

        // A code works once; a wrong secret is refused.
        Assert.Equal(HttpStatusCode.BadRequest, (await TokenAsync(browser, domain, clientId, storedSecret, query["code"]!)).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await TokenAsync(browser, domain, clientId, storedSecret + "x", "whatever")).Status);

        using var userInfo = new HttpRequestMessage(HttpMethod.Get, $"{domain}/api/v1/oauth2/userinfo");
        userInfo.Headers.Authorization = new AuthenticationHeaderValue("Bearer", EmulatorHost.Text(token.Body["access_token"]));
        var user = JsonNode.Parse(await (await browser.SendAsync(userInfo)).Content.ReadAsStringAsync())!;
        Assert.Equal("zhangsan", EmulatorHost.Text(user["userName"]));
        Assert.Equal("admin", EmulatorHost.Text(user["role"]));
        Assert.Equal(tenantId, EmulatorHost.Text(user["tenant"]));
        Assert.Equal("Acme", EmulatorHost.Text(user["organizationName"]));

        // Access tokens live two hours on the virtual clock; the refresh token renews them.
        await Emulator.AdvanceAsync(TimeSpan.FromHours(3));
        using var expired = new HttpRequestMessage(HttpMethod.Get, $"{domain}/api/v1/oauth2/userinfo");
        expired.Headers.Authorization = new AuthenticationHeaderValue("Bearer", EmulatorHost.Text(token.Body["access_token"]));
        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.SendAsync(expired)).StatusCode);
        var refreshed = await browser.PostAsync($"{domain}/api/v1/oauth2/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "refresh_token",
            ["refresh_token"] = EmulatorHost.Text(token.Body["refresh_token"]),
            ["client_id"] = clientId,
            ["client_secret"] = storedSecret,
        }));
        Assert.Equal(HttpStatusCode.OK, refreshed.StatusCode);
    }

    public static TheoryData<string> UnregisteredAddresses => new()
    {
        "https://evil.example/cb",
        "https://app.example.com/cb/",
        "https://APP.example.com/cb",
        "http://app.example.com/cb",
        "https://app.example.com/cb#f",
        "//evil.example/cb",
        "/cb",
        "",
    };

    [Theory]
    [MemberData(nameof(UnregisteredAddresses))]
    public async Task The_identity_centre_sends_browsers_only_to_addresses_registered_for_the_product(string address)
    {
        var order = await Emulator.OrderAsync(new { type = "NEW", customerId = "buyer-1", productId = "JOINT-M" });
        var resourceId = EmulatorHost.Text(order["resourceId"]);
        var bound = await Emulator.PostAsync($"/api/instances/{resourceId}/kit/bind", new { tenantName = "Acme", tenantCode = "acme" });
        var clientId = EmulatorHost.Text(bound["clientId"]);
        var domain = EmulatorHost.Text(bound["tenant"]!["domainName"]);
        await Emulator.PostAsync($"/api/instances/{resourceId}/kit/users", new
        {
            tenantId = EmulatorHost.Text(bound["tenant"]!["tenantId"]),
            users = new[] { new { userName = "zhangsan", name = "Zhang San", role = "admin" } },
        });
        var escaped = Uri.EscapeDataString(address);
        using var browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });

        var authorize = await browser.GetAsync($"{domain}/api/v1/oauth2/authorize?response_type=code&client_id={clientId}&redirect_uri={escaped}&user=zhangsan");
        Assert.Equal(HttpStatusCode.BadRequest, authorize.StatusCode);
        Assert.Null(authorize.Headers.Location);
        Assert.Contains("not registered for product", await authorize.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var cas = await browser.GetAsync($"{domain}/api/v1/cas/login?service={escaped}&user=zhangsan");
        Assert.Equal(HttpStatusCode.BadRequest, cas.StatusCode);
        Assert.Null(cas.Headers.Location);

        var logout = await browser.GetAsync($"{domain}/api/v1/logout?redirect_url={escaped}");
        Assert.Null(logout.Headers.Location);

        // OAuth wants the registered address exactly; a CAS service adds its own query to it.
        var withQuery = Uri.EscapeDataString("https://app.example.com/cb?x=1");
        Assert.Equal(HttpStatusCode.BadRequest, (await browser.GetAsync($"{domain}/api/v1/oauth2/authorize?response_type=code&client_id={clientId}&redirect_uri={withQuery}&user=zhangsan")).StatusCode);
        var registered = Uri.EscapeDataString("https://app.example.com/cb");
        Assert.StartsWith("https://app.example.com/cb?code=", (await browser.GetAsync($"{domain}/api/v1/oauth2/authorize?response_type=code&client_id={clientId}&redirect_uri={registered}&user=zhangsan")).Headers.Location!.ToString(), StringComparison.Ordinal);
        Assert.StartsWith("https://app.example.com/cb?state=s&ticket=ST-", (await browser.GetAsync($"{domain}/api/v1/cas/login?service={Uri.EscapeDataString("https://app.example.com/cb?state=s")}&user=zhangsan")).Headers.Location!.ToString(), StringComparison.Ordinal);
        Assert.Equal("https://app.example.com/cb", (await browser.GetAsync($"{domain}/api/v1/logout?redirect_url={registered}")).Headers.Location!.ToString());
    }

    private static async Task<(HttpStatusCode Status, JsonNode Body)> TokenAsync(HttpClient client, string domain, string clientId, string secret, string code)
    {
        var response = await client.PostAsync($"{domain}/api/v1/oauth2/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code",
            ["code"] = code,
            ["client_id"] = clientId,
            ["client_secret"] = secret,
            ["redirect_uri"] = "https://app.example.com/cb",
        }));
        return (response.StatusCode, JsonNode.Parse(await response.Content.ReadAsStringAsync())!);
    }
}

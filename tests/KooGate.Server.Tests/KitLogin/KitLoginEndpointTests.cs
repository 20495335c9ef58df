using System.Net;
using System.Text.Json.Nodes;
using KooGate.Server.Tests.Infrastructure;
using KooGate.Testing.Server;
using Microsoft.Extensions.Options;

namespace KooGate.Server.Tests.KitLogin;

/// <summary>Kit login's public surface without an identity centre: keys, discovery, refusals and configuration checks.</summary>
public sealed class KitLoginEndpointTests
{
    private static readonly Dictionary<string, string?> App = new()
    {
        ["KooGate:KitLogin:Apps:0:AppId"] = "app-1",
        ["KooGate:KitLogin:Apps:0:CallbackUrl"] = "https://app.example.com/signin-koogate",
    };

    [Fact]
    public async Task The_signing_key_is_published_as_JWKS_behind_a_discovery_document()
    {
        using var host = new KooGateHost(settings: App);
        var discovery = JsonNode.Parse(await host.Http.GetStringAsync("/.well-known/openid-configuration"))!;
        var issuer = host.Http.BaseAddress!.ToString().TrimEnd('/');
        Assert.Equal(issuer, discovery["issuer"]!.GetValue<string>());
        Assert.Equal(issuer + "/.well-known/jwks.json", discovery["jwks_uri"]!.GetValue<string>());

        var jwks = JsonNode.Parse(await host.Http.GetStringAsync("/.well-known/jwks.json"))!;
        var key = Assert.Single(jwks["keys"]!.AsArray())!;
        Assert.Equal(("EC", "P-256", "ES256"), (key["kty"]!.GetValue<string>(), key["crv"]!.GetValue<string>(), key["alg"]!.GetValue<string>()));
        Assert.Null(key["d"]);

        // The key is stored, so a second process on the same database publishes the same one.
        using var second = new KooGateHost(settings: App, connectionString: host.ConnectionString);
        var again = JsonNode.Parse(await second.Http.GetStringAsync("/.well-known/jwks.json"))!;
        Assert.Equal(key["kid"]!.GetValue<string>(), again["keys"]![0]!["kid"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_sign_in_for_an_enterprise_that_never_bound_the_app_gets_a_page_that_says_so()
    {
        using var host = new KooGateHost(settings: App);
        using var response = await host.Http.GetAsync("/kit-login/login?tenant=nobody&app=app-1");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("has not bound the application", await response.Content.ReadAsStringAsync());

        using var noApp = await host.Http.GetAsync("/kit-login/login?tenant=nobody&app=other");
        Assert.Equal(HttpStatusCode.BadRequest, noApp.StatusCode);
    }

    [Fact]
    public async Task Without_configured_apps_kit_login_is_off()
    {
        using var host = new KooGateHost();
        using var response = await host.Http.GetAsync("/kit-login/login?tenant=t1");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("not configured", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public void A_bad_configuration_stops_the_start_with_one_clear_line()
    {
        using var host = new KooGateHost(settings: new Dictionary<string, string?> { ["KooGate:KitLogin:Apps:0:AppId"] = "app-1" });
        var error = Assert.Throws<OptionsValidationException>(() => host.Http);
        Assert.Contains("KooGate:KitLogin:Apps:0:CallbackUrl must be an absolute http(s) URL", error.Message);

        using var proxy = new KooGateHost(settings: new Dictionary<string, string?> { ["KooGate:LicenseProxy:GraceHours"] = "-1" });
        Assert.Contains("KooGate:LicenseProxy:GraceHours", Assert.Throws<OptionsValidationException>(() => proxy.Http).Message);
    }

    [Fact]
    public async Task The_license_proxy_says_plainly_when_KooGate_has_no_marketplace_credentials()
    {
        using var host = new KooGateHost();
        using var response = await host.Http.PostAsync("/license/v1/codes/PL123/heartbeat", new StringContent("{}", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        var answer = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("unavailable", answer["state"]!.GetValue<string>());
        Assert.Contains("no marketplace open-API credentials", answer["message"]!.GetValue<string>());
    }
}

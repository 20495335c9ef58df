using System.Net;
using KooGate.Server.Tests.Infrastructure;
using KooGate.Testing.Server;

namespace KooGate.Server.Tests.Hardening;

/// <summary>
/// X-Forwarded-* are believed only from a configured proxy: then the client address (the failed sign-in budget) and
/// the scheme (Secure cookies) are the forwarded ones; from any other peer they are ignored.
/// </summary>
public sealed class ForwardedHeadersTests
{
    private static KooGateHost Host(string? knownProxy = null, string? knownNetwork = null)
    {
        var settings = new Dictionary<string, string?> { ["KooGate:Admin:FailedSignInsPerMinute"] = "2" };
        if (knownProxy is not null)
        {
            settings["KooGate:ForwardedHeaders:KnownProxies:0"] = knownProxy;
        }

        if (knownNetwork is not null)
        {
            settings["KooGate:ForwardedHeaders:KnownNetworks:0"] = knownNetwork;
        }

        return new KooGateHost(settings: settings);
    }

    [Theory]
    [InlineData("127.0.0.1", null)]
    [InlineData(null, "127.0.0.0/8")]
    public async Task Behind_a_configured_proxy_each_forwarded_client_has_its_own_budget(string? proxy, string? network)
    {
        using var host = Host(proxy, network);
        for (var i = 0; i < 2; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await FailedSignInThrottleTests.ListInstancesAsync(host.Http, "wrong", "198.51.100.7")).StatusCode);
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, (await FailedSignInThrottleTests.ListInstancesAsync(host.Http, "wrong", "198.51.100.7")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await FailedSignInThrottleTests.ListInstancesAsync(host.Http, "wrong", "198.51.100.8")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await FailedSignInThrottleTests.ListInstancesAsync(host.Http, TestKeys.AdminApiKey, "198.51.100.9")).StatusCode);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("::1")]
    public async Task From_a_peer_that_is_not_a_configured_proxy_x_forwarded_for_is_ignored(string? otherProxy)
    {
        using var host = Host(otherProxy);
        Assert.Equal(HttpStatusCode.Unauthorized, (await FailedSignInThrottleTests.ListInstancesAsync(host.Http, "wrong", "198.51.100.1")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await FailedSignInThrottleTests.ListInstancesAsync(host.Http, "wrong", "198.51.100.2")).StatusCode);

        // Every request came from 127.0.0.1, whatever it claimed.
        Assert.Equal(HttpStatusCode.TooManyRequests, (await FailedSignInThrottleTests.ListInstancesAsync(host.Http, "wrong", "198.51.100.3")).StatusCode);
    }

    [Theory]
    [InlineData("127.0.0.1", true)]
    [InlineData("::1", false)]
    public async Task Cookies_are_secure_when_a_configured_proxy_says_the_client_used_https(string proxy, bool secure)
    {
        using var host = Host(proxy);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/dashboard/login");
        request.Headers.Add("X-Forwarded-Proto", "https");
        var response = await host.Http.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var cookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("KooGate.Antiforgery=", StringComparison.Ordinal));
        Assert.Equal(secure, cookie.Contains("; secure", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task The_login_redirect_never_names_the_host_the_client_sent()
    {
        using var host = Host("127.0.0.1");
        using var request = new HttpRequestMessage(HttpMethod.Get, "/dashboard/instances");
        request.Headers.Host = "evil.example";
        request.Headers.Add("X-Forwarded-Host", "evil.example");
        using var client = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false }) { BaseAddress = host.Http.BaseAddress };
        var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/dashboard/login?returnUrl=", response.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }
}

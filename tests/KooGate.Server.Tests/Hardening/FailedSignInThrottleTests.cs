using System.Net;
using KooGate.Server.Tests.Infrastructure;
using KooGate.Testing.Server;

namespace KooGate.Server.Tests.Hardening;

/// <summary>Wrong API keys and passwords are cut off per client address; correct credentials are never throttled.</summary>
public sealed class FailedSignInThrottleTests : IDisposable
{
    private readonly KooGateHost _host = new(settings: new Dictionary<string, string?>
    {
        ["KooGate:Admin:FailedSignInsPerMinute"] = "3",
        ["KooGate:Admin:LoginAttemptsPerMinute"] = "100",
    });

    public void Dispose() => _host.Dispose();

    [Fact]
    public async Task Wrong_api_keys_get_429_with_retry_after_once_the_budget_is_spent_and_right_keys_never_use_it()
    {
        for (var i = 0; i < 2; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await ListInstancesAsync(_host.Http, "wrong-" + i)).StatusCode);
        }

        for (var i = 0; i < 10; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await ListInstancesAsync(_host.Http, TestKeys.AdminApiKey)).StatusCode);
        }

        Assert.Equal(HttpStatusCode.Unauthorized, (await ListInstancesAsync(_host.Http, "wrong-2")).StatusCode);
        var refused = await ListInstancesAsync(_host.Http, "wrong-3");
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.InRange(int.Parse(refused.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture), 1, 60);

        // A blocked address is not checked at all, so guessing gains nothing: the right key waits too.
        Assert.Equal(HttpStatusCode.TooManyRequests, (await ListInstancesAsync(_host.Http, TestKeys.AdminApiKey)).StatusCode);
    }

    [Fact]
    public async Task Wrong_passwords_get_429_with_retry_after_and_successful_logins_use_no_budget()
    {
        for (var i = 0; i < 5; i++)
        {
            using var good = new DashboardSession(_host);
            Assert.Equal("/dashboard", (await good.LoginAsync()).Headers.Location!.OriginalString);
        }

        using var session = new DashboardSession(_host);
        for (var i = 0; i < 3; i++)
        {
            Assert.Contains("failed=1", (await session.LoginAsync(password: "wrong-" + i)).Headers.Location!.OriginalString, StringComparison.Ordinal);
        }

        var refused = await session.LoginAsync();
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.True(refused.Headers.Contains("Retry-After"));
        Assert.False(refused.Headers.TryGetValues("Set-Cookie", out var cookies) && cookies.Any(c => c.StartsWith("KooGate.Session=", StringComparison.Ordinal)));

        // Wrong passwords and wrong API keys share the address's budget.
        Assert.Equal(HttpStatusCode.TooManyRequests, (await ListInstancesAsync(_host.Http, "wrong")).StatusCode);
    }

    internal static async Task<HttpResponseMessage> ListInstancesAsync(HttpClient http, string apiKey, string? forwardedFor = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/admin/api/instances");
        request.Headers.Add("X-Api-Key", apiKey);
        if (forwardedFor is not null)
        {
            request.Headers.Add("X-Forwarded-For", forwardedFor);
        }

        return await http.SendAsync(request);
    }
}

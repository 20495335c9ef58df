using System.Net;
using KooGate.Server.Tests.Infrastructure;
using KooGate.Testing.Server;

namespace KooGate.Server.Tests.Dashboard;

/// <summary>Password guessing is cut off per client address after the configured attempts a minute.</summary>
public sealed class LoginRateLimitTests : IDisposable
{
    private readonly KooGateHost _host = new(settings: new Dictionary<string, string?> { ["KooGate:Admin:LoginAttemptsPerMinute"] = "3" });

    public void Dispose() => _host.Dispose();

    [Fact]
    public async Task A_fourth_login_attempt_within_the_minute_is_refused_even_with_the_right_password()
    {
        using var session = new DashboardSession(_host);
        for (var attempt = 0; attempt < 3; attempt++)
        {
            var failed = await session.LoginAsync(password: "wrong-" + attempt);
            Assert.Equal(HttpStatusCode.Redirect, failed.StatusCode);
            Assert.Contains("failed=1", failed.Headers.Location!.OriginalString, StringComparison.Ordinal);
        }

        var refused = await session.LoginAsync();
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal("60", refused.Headers.GetValues("Retry-After").Single());
        Assert.False(refused.Headers.TryGetValues("Set-Cookie", out var cookies) && cookies.Any(c => c.StartsWith("KooGate.Session=", StringComparison.Ordinal)));

        // Only the login post is limited: the pages and the API stay reachable.
        Assert.Equal(HttpStatusCode.OK, (await session.Http.GetAsync("/dashboard/login")).StatusCode);
    }
}

using System.Net;
using KooGate.Server.Tests.Infrastructure;
using KooGate.Testing.Databases;
using KooGate.Testing.Server;

namespace KooGate.Server.Tests.Hardening;

/// <summary>Logout ends the session on the server: a copy of the cookie taken before opens nothing after.</summary>
public sealed class SessionRevocationTests
{
    [Theory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task A_session_cookie_copied_before_logout_is_refused_after_it(DatabaseKind database)
    {
        using var host = new KooGateHost(database);
        using var session = new DashboardSession(host);
        var login = await session.LoginAsync();
        var copied = SessionCookie(login);
        using var thief = CopiedCookieClient(host, copied);
        Assert.Equal(HttpStatusCode.OK, (await thief.GetAsync("/admin/api/instances")).StatusCode);

        var overview = await session.GetPageAsync("/dashboard");
        var logout = await session.PostFormAsync("/dashboard/logout", [new("__csrf", DashboardSession.Token(overview))]);
        Assert.Equal(HttpStatusCode.Redirect, logout.StatusCode);

        Assert.Equal(HttpStatusCode.Unauthorized, (await thief.GetAsync("/admin/api/instances")).StatusCode);
        var page = await thief.GetAsync("/dashboard/instances");
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.StartsWith("/dashboard/login", page.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Logging_out_one_session_leaves_the_others_of_the_same_person_open()
    {
        using var host = new KooGateHost();
        using var first = new DashboardSession(host);
        using var second = new DashboardSession(host);
        await first.LoginAsync();
        await second.LoginAsync();

        var overview = await first.GetPageAsync("/dashboard");
        await first.PostFormAsync("/dashboard/logout", [new("__csrf", DashboardSession.Token(overview))]);

        Assert.Equal(HttpStatusCode.Redirect, (await first.Http.GetAsync("/dashboard/instances")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await second.Http.GetAsync("/dashboard/instances")).StatusCode);
    }

    private static string SessionCookie(HttpResponseMessage login) =>
        login.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("KooGate.Session=", StringComparison.Ordinal)).Split(';')[0];

    private static HttpClient CopiedCookieClient(KooGateHost host, string cookie)
    {
        var client = new HttpClient(new SocketsHttpHandler { UseCookies = false, AllowAutoRedirect = false }) { BaseAddress = host.Http.BaseAddress };
        client.DefaultRequestHeaders.Add("Cookie", cookie);
        return client;
    }
}

using System.Net;
using KooGate.Server.Tests.Infrastructure;
using KooGate.Testing.Server;

namespace KooGate.Server.Tests.Dashboard;

public sealed class DashboardAuthTests : IDisposable
{
    private readonly KooGateHost _host = new();

    public void Dispose() => _host.Dispose();

    public static TheoryData<string, string> DashboardUrls => new()
    {
        { "GET", "/dashboard" },
        { "GET", "/dashboard/" },
        { "GET", "/dashboard/instances" },
        { "GET", "/dashboard/instances/x" },
        { "GET", "/dashboard/tenants" },
        { "GET", "/dashboard/tenants/x/y" },
        { "GET", "/dashboard/callbacks" },
        { "GET", "/dashboard/callbacks/1" },
        { "GET", "/dashboard/outbox" },
        { "POST", $"/dashboard/outbox/{Guid.Empty}/redeliver" },
    };

    [Theory]
    [MemberData(nameof(DashboardUrls))]
    public async Task Every_dashboard_url_sends_an_anonymous_visitor_to_the_login_page(string method, string url)
    {
        using var anonymous = new DashboardSession(_host);
        using var request = new HttpRequestMessage(new HttpMethod(method), url);
        var response = await anonymous.Http.SendAsync(request);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/dashboard/login?returnUrl=", response.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.DoesNotContain("<table", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/openapi/v1.json")]
    [InlineData("/scalar/v1")]
    [InlineData("/admin/api/instances")]
    public async Task The_api_description_and_the_api_answer_401_without_credentials(string url)
    {
        var response = await _host.Http.GetAsync(url);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Login_with_the_configured_password_opens_the_dashboard_and_logout_closes_it()
    {
        using var session = new DashboardSession(_host);
        var login = await session.LoginAsync();
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        Assert.Equal("/dashboard", login.Headers.Location!.OriginalString);
        var cookie = string.Join(";", login.Headers.GetValues("Set-Cookie"));
        Assert.Contains("KooGate.Session=", cookie, StringComparison.Ordinal);
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);

        var overview = await session.GetPageAsync("/dashboard");
        Assert.Contains("Overview", overview, StringComparison.Ordinal);

        var logout = await session.PostFormAsync("/dashboard/logout", [new("__csrf", DashboardSession.Token(overview))]);
        Assert.Equal(HttpStatusCode.Redirect, logout.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await session.Http.GetAsync("/dashboard/instances")).StatusCode);
    }

    [Theory]
    [InlineData(TestKeys.OperatorName, "wrong-password")]
    [InlineData("nobody", TestKeys.OperatorPassword)]
    [InlineData("", "")]
    public async Task A_wrong_name_or_password_is_refused(string name, string password)
    {
        using var session = new DashboardSession(_host);
        var login = await session.LoginAsync(name, password);
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        Assert.Contains("failed=1", login.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.False(login.Headers.TryGetValues("Set-Cookie", out var cookies) && cookies.Any(c => c.StartsWith("KooGate.Session=", StringComparison.Ordinal)));
        Assert.Equal(HttpStatusCode.Redirect, (await session.Http.GetAsync("/dashboard/instances")).StatusCode);
    }

    [Fact]
    public async Task A_form_post_without_its_antiforgery_token_is_rejected()
    {
        using var session = new DashboardSession(_host);
        await session.GetPageAsync("/dashboard/login");
        var login = await session.PostFormAsync("/dashboard/login", [new("name", TestKeys.OperatorName), new("password", TestKeys.OperatorPassword)]);
        Assert.Equal(HttpStatusCode.BadRequest, login.StatusCode);

        await session.LoginAsync();
        var redeliver = await session.PostFormAsync($"/dashboard/outbox/{Guid.Empty}/redeliver", [new("__csrf", "forged")]);
        Assert.Equal(HttpStatusCode.BadRequest, redeliver.StatusCode);
    }

    [Theory]
    [InlineData("https://evil.example/", "/dashboard")]
    [InlineData("//evil.example/dashboard", "/dashboard")]
    [InlineData("/dashboard/outbox?status=Dead", "/dashboard/outbox?status=Dead")]
    public async Task Login_returns_only_to_dashboard_pages(string returnUrl, string expected)
    {
        using var session = new DashboardSession(_host);
        var login = await session.LoginAsync(returnUrl: returnUrl);
        Assert.Equal(expected, login.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task A_session_reads_the_admin_api_but_cannot_change_anything_through_it()
    {
        using var session = new DashboardSession(_host);
        await session.LoginAsync();
        Assert.Equal(HttpStatusCode.OK, (await session.Http.GetAsync("/admin/api/instances")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await session.Http.GetAsync("/openapi/v1.json")).StatusCode);
        var post = await session.Http.PostAsync($"/admin/api/outbox/{Guid.Empty}/redeliver", System.Net.Http.Json.JsonContent.Create(new { }));
        Assert.Equal(HttpStatusCode.Unauthorized, post.StatusCode);
    }

    [Fact]
    public async Task Dashboard_pages_forbid_framing_and_caching()
    {
        using var session = new DashboardSession(_host);
        await session.LoginAsync();
        var response = await session.Http.GetAsync("/dashboard/callbacks");
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
        Assert.Contains("no-store", response.Headers.CacheControl!.ToString(), StringComparison.Ordinal);
        Assert.Contains("default-src 'none'", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
    }
}

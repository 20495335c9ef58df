using System.Net;
using System.Net.Http.Headers;
using System.Text;
using KooGate.Server.Tests.Infrastructure;
using KooGate.Testing.Server;

namespace KooGate.Server.Tests.Hardening;

/// <summary>Malformed dashboard forms and admin requests get a clear 4xx or a safe redirect, never a 500.</summary>
public sealed class AdminFormFuzzTests : IDisposable
{
    private readonly KooGateHost _host = new(settings: new Dictionary<string, string?>
    {
        ["KooGate:Admin:LoginAttemptsPerMinute"] = "1000",
        ["KooGate:Admin:FailedSignInsPerMinute"] = "1000",
    });

    public void Dispose() => _host.Dispose();

    /// <summary>Bodies that are not a readable form; {csrf} is replaced by a valid antiforgery token.</summary>
    public static TheoryData<string, string?, string> MalformedBodies => new()
    {
        { "/dashboard/login", null, string.Empty },
        { "/dashboard/login", "text/plain", "name=operator&password=x" },
        { "/dashboard/login", "application/json", "{\"name\":\"operator\"}" },
        { "/dashboard/login", "application/x-www-form-urlencoded; charset=utf8", "__csrf={csrf}&name=operator&password=x" },
        { "/dashboard/login", "application/x-www-form-urlencoded; charset=no-such-charset", "__csrf={csrf}&name=operator" },
        { "/dashboard/login", "application/x-www-form-urlencoded; charset", "__csrf={csrf}&name=operator" },
        { "/dashboard/login", "application/x-www-form-urlencoded;;; =", "__csrf={csrf}" },
        { "/dashboard/login", "application/x-www-form-urlencoded", "__csrf={csrf}&name=%zz%&password=%" },
        { "/dashboard/login", "application/x-www-form-urlencoded", "__csrf={csrf}&&&==&name" },
        { "/dashboard/login", "multipart/form-data; boundary=x", "--x\r\nContent-Disposition: form-data; name=\"name\"\r\n\r\nope" },
        { "/dashboard/login", "multipart/form-data", "garbage" },
        { "/dashboard/login", "application/x-www-form-urlencoded", "__csrf={csrf}&name=operator&password={huge}" },
        { "/dashboard/login", "application/x-www-form-urlencoded", "__csrf={csrf}&{hugename}=1" },
        { "/dashboard/logout", null, string.Empty },
        { "/dashboard/logout", "application/x-www-form-urlencoded; charset=utf8", "__csrf={csrf}" },
        { "/dashboard/logout", "text/xml", "<a/>" },
        { "/dashboard/logout", "application/x-www-form-urlencoded", "{huge}{huge}{huge}" },
        { "/dashboard/login", "application/x-www-form-urlencoded", "__csrf={csrf}&name={huge}{huge}{huge}" },
    };

    [Theory]
    [MemberData(nameof(MalformedBodies))]
    public async Task A_malformed_login_or_logout_post_is_a_4xx_or_a_redirect(string url, string? contentType, string body)
    {
        using var session = new DashboardSession(_host);
        var token = DashboardSession.Token(await session.GetPageAsync("/dashboard/login"));
        var huge = new string('a', 900 * 1024);
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(
            body.Replace("{csrf}", Uri.EscapeDataString(token), StringComparison.Ordinal)
                .Replace("{hugename}", huge, StringComparison.Ordinal)
                .Replace("{huge}", huge, StringComparison.Ordinal)));
        if (contentType is not null)
        {
            content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        }

        // Over the size limit the answer comes before the body is sent (a server closing mid-upload would look like a crash).
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = content };
        request.Headers.ExpectContinue = true;
        var response = await session.Http.SendAsync(request);

        Assert.InRange((int)response.StatusCode, 300, 499);
    }

    [Fact]
    public async Task A_login_post_with_only_its_token_is_a_failed_login()
    {
        using var session = new DashboardSession(_host);
        var token = DashboardSession.Token(await session.GetPageAsync("/dashboard/login"));
        var response = await session.PostFormAsync("/dashboard/login", [new("__csrf", token)]);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/dashboard/login?failed=1", response.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }

    public static TheoryData<string> HostileReturnUrls => new()
    {
        "/dashboard\r\nSet-Cookie: injected=1",
        "/dashboard/instances\n",
        "/dashboard/é",
        "/dashboard/\u2028",
        "/dashboard/%0d%0a",
        "https://evil.example/dashboard",
        "//evil.example/dashboard",
        "/\\evil.example",
        "/dashboard\\..\\..\\evil",
        "/dashboard//evil.example",
        "/dashboard.evil.example",
        "/dashboard@evil.example",
        "http:/dashboard",
        " /dashboard",
        new string('/', 1000),
        "/dashboard/" + new string('x', 5000),
    };

    [Theory]
    [MemberData(nameof(HostileReturnUrls))]
    public async Task A_hostile_return_url_leads_back_into_the_dashboard_and_nowhere_else(string returnUrl)
    {
        using var session = new DashboardSession(_host);
        var page = await session.Http.GetAsync("/dashboard/login?returnUrl=" + Uri.EscapeDataString(returnUrl));
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);

        var failed = await session.LoginAsync(password: "wrong", returnUrl: returnUrl);
        Assert.Equal(HttpStatusCode.Redirect, failed.StatusCode);
        Assert.StartsWith("/dashboard/login?failed=1&returnUrl=", failed.Headers.Location!.OriginalString, StringComparison.Ordinal);

        var login = await session.LoginAsync(returnUrl: returnUrl);
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        var location = login.Headers.Location!.OriginalString;
        Assert.True(location == "/dashboard" || location.StartsWith("/dashboard/", StringComparison.Ordinal) || location.StartsWith("/dashboard?", StringComparison.Ordinal), location);
        Assert.DoesNotContain("//", location, StringComparison.Ordinal);
        Assert.DoesNotContain("evil", location, StringComparison.Ordinal);
        Assert.False(login.Headers.Contains("injected"));
    }

    [Theory]
    [InlineData("application/json; charset=utf8")]
    [InlineData("application/json; charset=no-such-charset")]
    [InlineData("application/json; charset=\"")]
    public async Task The_admin_api_refuses_an_unknown_charset_with_415(string contentType)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/admin/api/instances/unknown/complete");
        request.Headers.Add("X-Api-Key", TestKeys.AdminApiKey);
        request.Content = new ByteArrayContent("{\"frontEndUrl\":\"https://app.test/x\"}"u8.ToArray());
        request.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        var response = await _host.Http.SendAsync(request);
        Assert.InRange((int)response.StatusCode, 400, 499);
    }

    [Fact]
    public async Task The_admin_api_still_reads_utf8_json()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/admin/api/instances/unknown/complete");
        request.Headers.Add("X-Api-Key", TestKeys.AdminApiKey);
        request.Content = new StringContent("{}", Encoding.UTF8, new MediaTypeHeaderValue("application/json"));
        var response = await _host.Http.SendAsync(request);
        Assert.NotEqual(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.InRange((int)response.StatusCode, 200, 499);
    }
}

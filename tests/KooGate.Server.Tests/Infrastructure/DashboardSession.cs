using System.Net;
using System.Text.RegularExpressions;
using KooGate.Testing.Server;

namespace KooGate.Server.Tests.Infrastructure;

/// <summary>A person's browser session over plain HTTP: cookies kept, redirects not followed, forms posted with their token.</summary>
public sealed partial class DashboardSession(KooGateHost host) : IDisposable
{
    private readonly HttpClient _http = new(new SocketsHttpHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false })
    {
        BaseAddress = host.Http.BaseAddress,
    };

    public HttpClient Http => _http;

    /// <summary>The antiforgery field of the first form on a page.</summary>
    public static string Token(string html) => CsrfField().Match(html) is { Success: true } m
        ? m.Groups[1].Value
        : throw new InvalidOperationException("no antiforgery field on the page");

    public async Task<string> GetPageAsync(string url)
    {
        var response = await _http.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    public async Task<HttpResponseMessage> PostFormAsync(string url, IEnumerable<KeyValuePair<string, string>> fields) =>
        await _http.PostAsync(url, new FormUrlEncodedContent(fields));

    /// <summary>Logs in through the form; returns the login POST's response (a redirect).</summary>
    public async Task<HttpResponseMessage> LoginAsync(string name = TestKeys.OperatorName, string password = TestKeys.OperatorPassword, string? returnUrl = null)
    {
        var page = await GetPageAsync("/dashboard/login");
        var fields = new Dictionary<string, string> { ["__csrf"] = Token(page), ["name"] = name, ["password"] = password };
        if (returnUrl is not null)
        {
            fields["returnUrl"] = returnUrl;
        }

        return await PostFormAsync("/dashboard/login", fields);
    }

    public void Dispose() => _http.Dispose();

    [GeneratedRegex("name=\"__csrf\" value=\"([^\"]+)\"")]
    private static partial Regex CsrfField();
}

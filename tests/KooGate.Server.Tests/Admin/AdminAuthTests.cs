using System.Net;
using KooGate.Server.Tests.Infrastructure;
using KooGate.Testing.Server;

namespace KooGate.Server.Tests.Admin;

public sealed class AdminAuthTests : IDisposable
{
    private readonly KooGateHost _host = new();

    public void Dispose() => _host.Dispose();

    public static TheoryData<string, string> AdminUrls => new()
    {
        { "GET", "/admin/api/instances" },
        { "GET", "/admin/api/instances/x" },
        { "POST", "/admin/api/instances/x/complete" },
        { "POST", "/admin/api/instances/x/fail" },
        { "GET", "/admin/api/outbox" },
        { "POST", $"/admin/api/outbox/{Guid.Empty}/redeliver" },
        { "GET", "/admin/api/callbacks" },
    };

    [Theory]
    [MemberData(nameof(AdminUrls))]
    public async Task Every_admin_url_refuses_a_missing_or_wrong_api_key(string method, string url)
    {
        foreach (var key in new[] { null, "", "wrong-key", TestKeys.AdminApiKey + "x" })
        {
            using var request = new HttpRequestMessage(new HttpMethod(method), url) { Content = System.Net.Http.Json.JsonContent.Create(new { }) };
            if (key is not null)
            {
                request.Headers.TryAddWithoutValidation("X-Api-Key", key);
            }

            var response = await _host.Http.SendAsync(request);
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        }
    }

    [Fact]
    public async Task The_configured_key_is_let_in()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/admin/api/instances");
        request.Headers.Add("X-Api-Key", TestKeys.AdminApiKey);
        var response = await _host.Http.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("[]", await response.Content.ReadAsStringAsync());
    }
}

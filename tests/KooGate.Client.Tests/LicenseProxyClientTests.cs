using System.Net;
using KooGate.Client.Licensing;

namespace KooGate.Client.Tests;

public sealed class LicenseProxyClientTests
{
    [Fact]
    public void The_fingerprint_follows_the_online_license_guide()
    {
        var fingerprint = LicenseProxyClient.Fingerprint(["04:7c:16:5e:e3:5d", "aa:bb:cc:dd:ee:ff"], ["001b_444a_488b_5cec."], null, "bfebfbff00090672");
        Assert.Equal("04:7C:16:5E:E3:5D,AA:BB:CC:DD:EE:FF|001B_444A_488B_5CEC.||BFEBFBFF00090672", fingerprint);
    }

    [Fact]
    public async Task A_refusal_is_an_answer_with_its_status_and_a_non_json_failure_is_unavailable()
    {
        var handler = new Answering(HttpStatusCode.Conflict, """{"license":"PL1","state":"notActivated","message":"activate it first"}""", "application/json");
        var client = new LicenseProxyClient(new HttpClient(handler) { BaseAddress = new Uri("http://127.0.0.1:9/") });
        var status = await client.HeartbeatAsync("PL 1");
        Assert.Equal(("notActivated", 409, false), (status.State, status.HttpStatus, status.IsValid));
        Assert.Equal("/license/v1/codes/PL%201/heartbeat", handler.Path);

        var proxyDown = new LicenseProxyClient(new HttpClient(new Answering(HttpStatusCode.BadGateway, "<html>bad gateway</html>", "text/html"))
        {
            BaseAddress = new Uri("http://127.0.0.1:9/"),
        });
        var unavailable = await proxyDown.ActivateAsync("PL1");
        Assert.Equal((LicenseStates.Unavailable, 502), (unavailable.State, unavailable.HttpStatus));
    }

    private sealed class Answering(HttpStatusCode status, string body, string mediaType) : HttpMessageHandler
    {
        public string? Path { get; private set; }

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Path = request.RequestUri!.AbsolutePath;
            return Task.FromResult(new HttpResponseMessage(status) { Content = new StringContent(body, System.Text.Encoding.UTF8, mediaType) });
        }
    }
}

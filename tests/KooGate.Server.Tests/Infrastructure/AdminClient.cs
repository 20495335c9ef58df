using System.Net.Http.Json;
using System.Text.Json;
using KooGate.Testing.Server;

namespace KooGate.Server.Tests.Infrastructure;

/// <summary>The seller's app or an operator calling the admin API with the API key.</summary>
public sealed class AdminClient(KooGateHost host)
{
    public async Task<(System.Net.HttpStatusCode Status, JsonElement Body)> SendAsync(HttpMethod method, string url, object? body = null)
    {
        using var request = new HttpRequestMessage(method, url);
        request.Headers.Add("X-Api-Key", TestKeys.AdminApiKey);
        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        var response = await host.Http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone());
    }

    public Task<(System.Net.HttpStatusCode Status, JsonElement Body)> GetAsync(string url) => SendAsync(HttpMethod.Get, url);

    public Task<(System.Net.HttpStatusCode Status, JsonElement Body)> PostAsync(string url, object? body = null) => SendAsync(HttpMethod.Post, url, body ?? new { });
}

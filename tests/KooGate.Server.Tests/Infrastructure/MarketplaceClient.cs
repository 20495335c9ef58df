using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using KooGate.Protocol;
using KooGate.Protocol.Signing;
using KooGate.Testing.Server;

namespace KooGate.Server.Tests.Infrastructure;

/// <summary>A signed production-interface response as the marketplace sees it.</summary>
public sealed record ProduceReply(HttpResponseMessage Http, string Body)
{
    private JsonElement Root => JsonDocument.Parse(Body).RootElement;

    public string ResultCode => Root.GetProperty("resultCode").GetString()!;

    public string ResultMsg => Root.GetProperty("resultMsg").GetString()!;

    public string? Get(string name) => Root.TryGetProperty(name, out var v) ? v.ToString() : null;

    public JsonElement Json => Root;
}

/// <summary>Plays KooGallery against a <see cref="KooGateHost"/>: signs V2 basic and Kit calls like the marketplace.</summary>
public sealed class MarketplaceClient(KooGateHost host, string path = "/produce")
{
    public string BasicKey { get; set; } = TestKeys.Basic;

    public string KitKey { get; set; } = TestKeys.Kit;

    /// <summary>POSTs a V2 basic call signed with the given key (default basic), fresh nonce and the host clock's time.</summary>
    public async Task<ProduceReply> PostAsync(string body, string? key = null, string? nonce = null, DateTimeOffset? at = null, Func<string, string>? tamperSignature = null)
    {
        var timestamp = KooTime.ToEpochMilliseconds(at ?? host.Clock.GetUtcNow());
        nonce ??= Guid.NewGuid().ToString("N");
        var query = V2Signature.SignedQuery(key ?? BasicKey, nonce, timestamp, body);
        if (tamperSignature is not null)
        {
            var signature = V2Signature.Compute(key ?? BasicKey, nonce, timestamp, body).ToUpperInvariant();
            query = query.Replace(signature, tamperSignature(signature), StringComparison.Ordinal);
        }

        var url = $"{path}?{query}";
        using var content = new StringContent(body, new UTF8Encoding(false), new MediaTypeHeaderValue("application/json"));
        var response = await host.Http.PostAsync(url, content);
        return new ProduceReply(response, await response.Content.ReadAsStringAsync());
    }

    public Task<ProduceReply> PostAsync(object body, string? key = null) => PostAsync(JsonSerializer.Serialize(body), key);

    /// <summary>POSTs a Kit V2 sync to <c>{path}/produceAPI/v2/{name}</c> with x-sign headers.</summary>
    public async Task<ProduceReply> KitAsync(string name, string body, string? key = null, string? nonce = null, DateTimeOffset? at = null)
    {
        var timestamp = KooTime.ToEpochMilliseconds(at ?? host.Clock.GetUtcNow());
        nonce ??= Guid.NewGuid().ToString("N");
        using var request = new HttpRequestMessage(HttpMethod.Post, $"{path}/produceAPI/v2/{name}")
        {
            Content = new StringContent(body, new UTF8Encoding(false), new MediaTypeHeaderValue("application/json")),
        };
        foreach (var (header, value) in KitSignature.SignedHeaders(key ?? KitKey, nonce, timestamp, body))
        {
            request.Headers.Add(header, value);
        }
        var response = await host.Http.SendAsync(request);
        return new ProduceReply(response, await response.Content.ReadAsStringAsync());
    }

    public Task<ProduceReply> KitAsync(string name, object body, string? key = null) => KitAsync(name, JsonSerializer.Serialize(body), key);
}

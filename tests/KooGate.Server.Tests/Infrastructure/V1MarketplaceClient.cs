using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using KooGate.Protocol;
using KooGate.Protocol.Signing;
using KooGate.Testing.Server;

namespace KooGate.Server.Tests.Infrastructure;

/// <summary>
/// Plays KooGallery's V1 side against a <see cref="KooGateHost"/>: GET calls with the <c>authToken</c> query parameter
/// and Kit V1 POSTs with the <c>authToken</c> header, both signed with the V1 Key (README decision 5).
/// </summary>
public sealed class V1MarketplaceClient(KooGateHost host, string path = "/produce")
{
    public string Key { get; set; } = TestKeys.V1;

    /// <summary>
    /// GETs <c>{path}?…&amp;authToken=…</c>. <c>timeStamp</c> (the host clock's UTC time) is added unless given; values are
    /// percent-encoded as the marketplace does.
    /// </summary>
    public async Task<ProduceReply> GetAsync(
        IEnumerable<KeyValuePair<string, string?>> parameters, string? key = null, DateTimeOffset? at = null, Func<string, string>? tamperToken = null)
    {
        var list = parameters.ToList();
        if (!list.Any(p => p.Key == AuthToken.TimeStampParameter))
        {
            list.Add(new(AuthToken.TimeStampParameter, KooTime.ToUtc17(at ?? host.Clock.GetUtcNow())));
        }

        var token = AuthToken.Compute(key ?? Key, list);
        list.Add(new(AuthToken.ParameterName, tamperToken?.Invoke(token) ?? token));
        var response = await host.Http.GetAsync($"{path}?{QueryString.Build(list)}");
        return new ProduceReply(response, await response.Content.ReadAsStringAsync());
    }

    public Task<ProduceReply> GetAsync(object parameters, string? key = null, DateTimeOffset? at = null) =>
        GetAsync(ToPairs(parameters), key, at);

    /// <summary>POSTs a Kit V1 sync to <c>{path}/produceAPI/{name}</c>; the token covers the non-blank body fields.</summary>
    public async Task<ProduceReply> KitAsync(string name, string body, string? key = null, string? tokenOverride = null)
    {
        Assert.True(AuthToken.TryFlattenBody(Encoding.UTF8.GetBytes(body), out var fields));
        var token = tokenOverride ?? AuthToken.Compute(key ?? Key, fields, skipBlank: true);
        using var request = new HttpRequestMessage(HttpMethod.Post, $"{path}/produceAPI/{name}")
        {
            Content = new StringContent(body, new UTF8Encoding(false), new MediaTypeHeaderValue("application/json")),
        };
        request.Headers.TryAddWithoutValidation("authToken", token);
        var response = await host.Http.SendAsync(request);
        return new ProduceReply(response, await response.Content.ReadAsStringAsync());
    }

    public Task<ProduceReply> KitAsync(string name, object body, string? key = null) => KitAsync(name, JsonSerializer.Serialize(body), key);

    /// <summary>The Body-Sign header of a reply verifies with the V1 Key over the exact body bytes.</summary>
    public static void AssertBodySigned(ProduceReply reply, string key = TestKeys.V1)
    {
        Assert.True(reply.Http.Headers.TryGetValues(BodySign.HeaderName, out var values), "Body-Sign header is missing");
        Assert.True(BodySign.Verify(key, values.Single(), Encoding.UTF8.GetBytes(reply.Body)), "Body-Sign does not verify: " + reply.Body);
    }

    private static List<KeyValuePair<string, string?>> ToPairs(object parameters) =>
        [.. JsonSerializer.SerializeToElement(parameters).EnumerateObject().Select(p => new KeyValuePair<string, string?>(p.Name, p.Value.ToString()))];
}

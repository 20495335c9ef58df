using System.Net.Http.Headers;
using System.Text;
using KooGate.Protocol;
using KooGate.Protocol.Signing;
using KooGate.Server.Tests.Infrastructure;
using KooGate.Testing.Server;

namespace KooGate.Server.Tests.Hardening;

/// <summary>
/// An attacker who captured signed calls: sends a body other than the one its signature was made over, as raw bytes.
/// </summary>
internal sealed class TamperingMarketplace(KooGateHost host, string path = "/produce")
{
    /// <summary>A V2 basic call whose signature covers <paramref name="signed"/> and whose body is <paramref name="sent"/>.</summary>
    public async Task<ProduceReply> PostAsync(byte[] signed, byte[] sent, string key = TestKeys.Basic)
    {
        var timestamp = KooTime.ToEpochMilliseconds(host.Clock.GetUtcNow());
        var nonce = Guid.NewGuid().ToString("N");
        var signature = V2Signature.Compute(key, nonce, timestamp, signed).ToUpperInvariant();
        using var content = Json(sent);
        var response = await host.Http.PostAsync($"{path}?signature={signature}&timestamp={timestamp}&nonce={nonce}", content);
        return new ProduceReply(response, await response.Content.ReadAsStringAsync());
    }

    public Task<ProduceReply> PostAsync(string signed, string sent, string key = TestKeys.Basic) =>
        PostAsync(Encoding.UTF8.GetBytes(signed), Encoding.UTF8.GetBytes(sent), key);

    /// <summary>A Kit V2 sync signed over <paramref name="signed"/>, sending <paramref name="sent"/>.</summary>
    public async Task<ProduceReply> KitAsync(string name, byte[] signed, byte[] sent, string key = TestKeys.Kit)
    {
        var timestamp = KooTime.ToEpochMilliseconds(host.Clock.GetUtcNow());
        var nonce = Guid.NewGuid().ToString("N");
        using var request = new HttpRequestMessage(HttpMethod.Post, $"{path}/produceAPI/v2/{name}") { Content = Json(sent) };
        request.Headers.Add(KitSignature.SignHeader, KitSignature.Compute(key, nonce, timestamp, signed));
        request.Headers.Add(KitSignature.TimestampHeader, timestamp);
        request.Headers.Add(KitSignature.NonceHeader, nonce);
        var response = await host.Http.SendAsync(request);
        return new ProduceReply(response, await response.Content.ReadAsStringAsync());
    }

    /// <summary>A Kit V1 sync whose header token covers <paramref name="signed"/>'s fields, sending <paramref name="sent"/>.</summary>
    public async Task<ProduceReply> KitV1Async(string name, string signed, string sent, string key = TestKeys.V1)
    {
        Assert.True(AuthToken.TryFlattenBody(Encoding.UTF8.GetBytes(signed), out var fields));
        using var request = new HttpRequestMessage(HttpMethod.Post, $"{path}/produceAPI/{name}") { Content = Json(Encoding.UTF8.GetBytes(sent)) };
        request.Headers.TryAddWithoutValidation("authToken", AuthToken.Compute(key, fields, skipBlank: true));
        var response = await host.Http.SendAsync(request);
        return new ProduceReply(response, await response.Content.ReadAsStringAsync());
    }

    /// <summary>A V1 GET whose token covers the first value of each repeated name (Huawei's sample), every value sent.</summary>
    public async Task<ProduceReply> GetAsync(IReadOnlyList<KeyValuePair<string, string?>> parameters, string key = TestKeys.V1)
    {
        var list = parameters.Append(new(AuthToken.TimeStampParameter, KooTime.ToUtc17(host.Clock.GetUtcNow()))).ToList();
        list.Add(new(AuthToken.ParameterName, AuthToken.Compute(key, list)));
        var response = await host.Http.GetAsync($"{path}?{QueryString.Build(list)}");
        return new ProduceReply(response, await response.Content.ReadAsStringAsync());
    }

    private static ByteArrayContent Json(byte[] body)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return content;
    }
}

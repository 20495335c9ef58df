using System.Collections.Concurrent;
using KooGate.Protocol.Signing;
using KooGate.Testing.Server;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace KooGate.Server.Tests.Infrastructure;

/// <summary>
/// KooGallery's open-API gateway on a loopback port: verifies the APIG AK/SK signature of every call (answering the
/// gateway's 401 otherwise) and serves 查询订单 from scripted replies.
/// </summary>
public sealed class StubMarketplace : IAsyncDisposable
{
    public const string AccessKey = "stub-ak-0001";
    public const string SecretKey = "stub-sk-0001";

    private readonly WebApplication _app;
    private readonly Func<DateTimeOffset> _now;

    private StubMarketplace(WebApplication app, Func<DateTimeOffset> now)
    {
        _app = app;
        _now = now;
    }

    public string BaseUrl { get; private set; } = string.Empty;

    /// <summary>Server settings that point KooGate's open-API workers at this stub, polling quickly.</summary>
    public Dictionary<string, string?> ServerSettings(params (string Key, string Value)[] more)
    {
        var settings = new Dictionary<string, string?>
        {
            ["KooGate:Marketplace:BaseUrl"] = BaseUrl,
            ["KooGate:Marketplace:AccessKey"] = AccessKey,
            ["KooGate:Marketplace:SecretKey"] = SecretKey,
            ["KooGate:Marketplace:PollIntervalMilliseconds"] = "100",
        };
        foreach (var (key, value) in more)
        {
            settings[key] = value;
        }

        return settings;
    }

    /// <summary>Reply for an order id: HTTP status and JSON body. Default: not found.</summary>
    public Func<string, (int Status, string Json)> Reply { get; set; } = _ => (200, """{"resultCode":"MKT.1001","resultMsg":"order not found"}""");

    /// <summary>Held before answering (a slow open API).</summary>
    public TaskCompletionSource? Gate { get; set; }

    public ConcurrentQueue<(string OrderId, ApigVerdict Verdict)> Calls { get; } = new();

    /// <summary>The body-signing key of usage pushes (the seller's basic accessKey).</summary>
    public string UsageKey { get; set; } = TestKeys.Basic;

    /// <summary>Reply to a usage push: HTTP status and JSON body. Default: success.</summary>
    public Func<string, (int Status, string Json)> UsageReply { get; set; } = _ => (200, Success);

    /// <summary>Every upload: event id, the multipart body as text, whether the APIG signature verified.</summary>
    public ConcurrentQueue<(string EventId, string Body, bool Verified)> Uploads { get; } = new();

    /// <summary>Every usage push: its body and whether both signatures (APIG and body) verified.</summary>
    public ConcurrentQueue<(string Body, bool Verified)> UsagePushes { get; } = new();

    public static async Task<StubMarketplace> StartAsync(Func<DateTimeOffset> now)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var stub = new StubMarketplace(builder.Build(), now);
        stub._app.MapGet("/api/mkp-openapi-public/global/v1/order/query", stub.QueryOrderAsync);
        stub._app.MapPost("/api/mkp-openapi-public/global/v1/isv/usage-data", stub.UsagePushAsync);
        stub._app.MapPost("/api/mkp-openapi-public/global/v1/market-event/{eventId}/file", stub.UploadAsync);
        await stub._app.StartAsync();
        stub.BaseUrl = stub._app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        return stub;
    }

    private const string Success = """{"error_code":"MKT.0000","error_msg":"success"}""";
    private const string GatewayRefusal = """{"error_code":"APIGW.0301","error_msg":"Incorrect IAM authentication information"}""";

    /// <summary>A received call: headers, exact body, and the gateway's AK/SK verdict on it.</summary>
    private sealed record Received(Dictionary<string, string> Headers, byte[] Body, ApigVerdict Verdict)
    {
        public string Text => System.Text.Encoding.UTF8.GetString(Body);

        public bool Signed => Verdict == ApigVerdict.Valid;
    }

    private async Task<Received> ReceiveAsync(HttpRequest request)
    {
        var url = new Uri($"{request.Scheme}://{request.Host}{request.Path}{request.QueryString}");
        var headers = request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer);
        var body = buffer.ToArray();
        var verdict = ApigSigner.Verify(ak => ak == AccessKey ? SecretKey : null, request.Method, url, headers.GetValueOrDefault("Authorization"), headers, body, _now());
        return new Received(headers, body, verdict);
    }

    private static async Task AnswerAsync(HttpContext context, int status, string json)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(json);
    }

    private async Task QueryOrderAsync(HttpContext context)
    {
        var received = await ReceiveAsync(context.Request);
        var orderId = context.Request.Query["orderId"].ToString();
        Calls.Enqueue((orderId, received.Verdict));
        if (Gate is { } gate)
        {
            await gate.Task;
        }

        var (status, json) = received.Signed ? Reply(orderId) : (401, GatewayRefusal);
        await AnswerAsync(context, status, json);
    }

    private async Task UploadAsync(HttpContext context, string eventId)
    {
        var received = await ReceiveAsync(context.Request);
        Uploads.Enqueue((eventId, received.Text, received.Signed));
        await AnswerAsync(context, received.Signed ? 200 : 401, received.Signed ? Success : GatewayRefusal);
    }

    private async Task UsagePushAsync(HttpContext context)
    {
        var received = await ReceiveAsync(context.Request);
        var headers = received.Headers;
        var usage = UsagePushSignature.Verify(
            [UsageKey], headers.GetValueOrDefault("signature"), headers.GetValueOrDefault("ts"), headers.GetValueOrDefault("nonce"), received.Body, _now(), TimeSpan.FromMinutes(5));
        UsagePushes.Enqueue((received.Text, received.Signed && usage.IsValid));
        var (status, json) = !received.Signed ? (401, GatewayRefusal)
            : usage.IsValid ? UsageReply(received.Text) : (400, """{"error_code":"MKT.0102","error_msg":"Invalid body sign"}""");
        await AnswerAsync(context, status, json);
    }

    public async ValueTask DisposeAsync()
    {
        Gate?.TrySetResult();
        await _app.DisposeAsync();
    }
}

using System.Collections.Concurrent;
using KooGate.Protocol.Signing;
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

    /// <summary>Reply for an order id: HTTP status and JSON body. Default: not found.</summary>
    public Func<string, (int Status, string Json)> Reply { get; set; } = _ => (200, """{"resultCode":"MKT.1001","resultMsg":"order not found"}""");

    /// <summary>Held before answering (a slow open API).</summary>
    public TaskCompletionSource? Gate { get; set; }

    public ConcurrentQueue<(string OrderId, ApigVerdict Verdict)> Calls { get; } = new();

    /// <summary>The body-signing key of usage pushes (the seller's basic accessKey).</summary>
    public string UsageKey { get; set; } = KooGateHost.BasicKey;

    /// <summary>Reply to a usage push: HTTP status and JSON body. Default: success.</summary>
    public Func<string, (int Status, string Json)> UsageReply { get; set; } = _ => (200, """{"error_code":"MKT.0000","error_msg":"success"}""");

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

    private async Task QueryOrderAsync(HttpContext context)
    {
        var request = context.Request;
        var url = new Uri($"{request.Scheme}://{request.Host}{request.Path}{request.QueryString}");
        var headers = request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        using var body = new MemoryStream();
        await request.Body.CopyToAsync(body);
        var verdict = ApigSigner.Verify(ak => ak == AccessKey ? SecretKey : null, request.Method, url, headers.GetValueOrDefault("Authorization"), headers, body.ToArray(), _now());
        var orderId = request.Query["orderId"].ToString();
        Calls.Enqueue((orderId, verdict));
        if (Gate is { } gate)
        {
            await gate.Task;
        }

        var (status, json) = verdict == ApigVerdict.Valid ? Reply(orderId) : (401, """{"error_code":"APIGW.0301","error_msg":"Incorrect IAM authentication information"}""");
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(json);
    }

    private async Task UploadAsync(HttpContext context, string eventId)
    {
        var request = context.Request;
        var url = new Uri($"{request.Scheme}://{request.Host}{request.Path}{request.QueryString}");
        var headers = request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer);
        var apig = ApigSigner.Verify(ak => ak == AccessKey ? SecretKey : null, request.Method, url, headers.GetValueOrDefault("Authorization"), headers, buffer.ToArray(), _now());
        Uploads.Enqueue((eventId, System.Text.Encoding.UTF8.GetString(buffer.ToArray()), apig == ApigVerdict.Valid));
        context.Response.StatusCode = apig == ApigVerdict.Valid ? 200 : 401;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(apig == ApigVerdict.Valid
            ? """{"error_code":"MKT.0000","error_msg":"success"}"""
            : """{"error_code":"APIGW.0301","error_msg":"Incorrect IAM authentication information"}""");
    }

    private async Task UsagePushAsync(HttpContext context)
    {
        var request = context.Request;
        var url = new Uri($"{request.Scheme}://{request.Host}{request.Path}{request.QueryString}");
        var headers = request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer);
        var body = buffer.ToArray();
        var apig = ApigSigner.Verify(ak => ak == AccessKey ? SecretKey : null, request.Method, url, headers.GetValueOrDefault("Authorization"), headers, body, _now());
        var usage = UsagePushSignature.Verify(
            [UsageKey], headers.GetValueOrDefault("signature"), headers.GetValueOrDefault("ts"), headers.GetValueOrDefault("nonce"), body, _now(), TimeSpan.FromMinutes(5));
        var text = System.Text.Encoding.UTF8.GetString(body);
        UsagePushes.Enqueue((text, apig == ApigVerdict.Valid && usage.IsValid));
        var (status, json) = apig != ApigVerdict.Valid
            ? (401, """{"error_code":"APIGW.0301","error_msg":"Incorrect IAM authentication information"}""")
            : usage.IsValid ? UsageReply(text) : (400, """{"error_code":"MKT.0102","error_msg":"Invalid body sign"}""");
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(json);
    }

    public async ValueTask DisposeAsync()
    {
        Gate?.TrySetResult();
        await _app.DisposeAsync();
    }
}

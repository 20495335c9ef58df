using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using KooGate.Protocol.Signing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using QueryString = KooGate.Protocol.Signing.QueryString;

namespace KooGate.Emulator.Tests.Infrastructure;

/// <summary>One call the stub received, with the verdict of checking its signature with KooGate.Protocol.</summary>
public sealed record StubCall(string Method, string Path, string Query, IReadOnlyDictionary<string, string> Headers, string Body, string Activity, bool SignatureValid)
{
    public IReadOnlyList<KeyValuePair<string, string?>> QueryParameters => QueryString.Parse(Query, plusAsSpace: false);

    public string? Param(string name) =>
        Method == "GET"
            ? QueryParameters.FirstOrDefault(p => p.Key == name).Value
            : JsonDocument.Parse(Body).RootElement.TryGetProperty(name, out var v) ? v.ToString() : null;
}

/// <summary>
/// What the stub answers: status, body, content type, delay, whether to add Body-Sign with the stub's key, and how to
/// reshape that header's value (the spacings sellers send).
/// </summary>
public sealed record StubReply(
    string Body, int Status = 200, string ContentType = "application/json", TimeSpan Delay = default, bool SignBody = false,
    Func<string, string>? ReshapeBodySign = null)
{
    public static StubReply Code(string code, bool signBody = false, string extra = "") =>
        new($"{{\"resultCode\":\"{code}\",\"resultMsg\":\"stub\"{extra}}}", SignBody: signBody);
}

/// <summary>
/// A deliberately programmable production interface on loopback: every call is recorded and its signature verified
/// with the product's keys (V1 authToken for GET, V2 signature for POST, x-sign for Kit).
/// </summary>
public sealed class StubProduction : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly FakeTimeProvider _clock;

    private StubProduction(FakeTimeProvider clock, string key)
    {
        _clock = clock;
        Key = key;
        var builder = WebApplication.CreateSlimBuilder(["--urls", "http://127.0.0.1:0", "--Logging:LogLevel:Default=Warning"]);
        _app = builder.Build();
        _app.Map("/produce/{**rest}", HandleAsync);
        _app.Map("/produce", HandleAsync);
    }

    public string Key { get; set; }

    public ConcurrentQueue<StubCall> Calls { get; } = new();

    /// <summary>Answers a call; by default 000000 (with Body-Sign for GET).</summary>
    public Func<StubCall, StubReply> Respond { get; set; } = call => StubReply.Code("000000", signBody: call.Method == "GET");

    public string ProductionUrl { get; private set; } = string.Empty;

    public static async Task<StubProduction> StartAsync(FakeTimeProvider clock, string key)
    {
        var stub = new StubProduction(clock, key);
        await stub._app.StartAsync();
        var address = stub._app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        stub.ProductionUrl = address.TrimEnd('/') + "/produce";
        return stub;
    }

    public IReadOnlyList<StubCall> Of(string activity) => [.. Calls.Where(c => c.Activity == activity)];

    private async Task HandleAsync(HttpContext context)
    {
        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer);
        var body = buffer.ToArray();
        var text = Encoding.UTF8.GetString(body);
        var query = context.Request.QueryString.Value ?? string.Empty;
        var headers = context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        var path = context.Request.Path.Value ?? string.Empty;
        var kitName = path.Contains("/produceAPI/v2/", StringComparison.Ordinal) ? path[(path.LastIndexOf('/') + 1)..] : null;
        string activity;
        bool valid;
        if (context.Request.Method == "GET")
        {
            activity = QueryString.Parse(query, plusAsSpace: false).FirstOrDefault(p => p.Key == "activity").Value ?? string.Empty;
            valid = AuthToken.VerifyQuery([Key], query).IsValid;
        }
        else if (kitName is not null)
        {
            activity = kitName;
            valid = KitSignature.Verify([Key], headers.GetValueOrDefault("x-sign"), headers.GetValueOrDefault("x-timestamp"),
                headers.GetValueOrDefault("x-nonce"), body, _clock.GetUtcNow()).IsValid;
        }
        else
        {
            activity = JsonDocument.Parse(body).RootElement.GetProperty("activity").GetString()!;
            var q = context.Request.Query;
            valid = V2Signature.Verify([Key], q["signature"], q["timestamp"], q["nonce"], body, _clock.GetUtcNow()).IsValid;
        }

        var call = new StubCall(context.Request.Method, path, query, headers, text, activity, valid);
        Calls.Enqueue(call);
        var reply = Respond(call);
        if (reply.Delay > TimeSpan.Zero)
        {
            try
            {
                await Task.Delay(reply.Delay, context.RequestAborted);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }

        var bytes = Encoding.UTF8.GetBytes(reply.Body);
        context.Response.StatusCode = reply.Status;
        context.Response.ContentType = reply.ContentType;
        if (reply.SignBody)
        {
            var value = BodySign.HeaderValue(Key, bytes);
            context.Response.Headers[BodySign.HeaderName] = reply.ReshapeBodySign?.Invoke(value) ?? value;
        }

        await context.Response.Body.WriteAsync(bytes);
    }

    public async ValueTask DisposeAsync()
    {
        using var stopping = new CancellationTokenSource(TimeSpan.FromSeconds(1));
        await _app.StopAsync(stopping.Token);
        await _app.DisposeAsync();
    }
}

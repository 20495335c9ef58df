using System.Collections.Concurrent;
using System.Text.Json;
using KooGate.Protocol;
using KooGate.Protocol.Signing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace KooGate.Conformance.Tests.Infrastructure;

/// <summary>
/// A small production interface, independent of KooGate.Server: SaaS V2 (POST, signature/timestamp/nonce) and SaaS V1
/// (GET, authToken, Body-Sign) with in-memory instances. Correct by default; <see cref="BrokenRule"/> breaks one rule.
/// </summary>
public sealed class FakeProductionInterface : IAsyncDisposable
{
    public const string V2Key = "fake-basic-key";
    public const string V1Key = "fake-v1-key";
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(60);

    private readonly BrokenRule _broken;
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, byte> _nonces = new();
    private readonly ConcurrentDictionary<string, string> _instanceByOrder = new();
    private readonly ConcurrentDictionary<string, Instance> _instances = new();

    private FakeProductionInterface(BrokenRule broken)
    {
        _broken = broken;
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        _app = builder.Build();
        _app.MapPost("/produce", HandleV2Async);
        _app.MapGet("/produce", HandleV1Async);
    }

    public string ProductionUrl { get; private set; } = string.Empty;

    public static async Task<FakeProductionInterface> StartAsync(BrokenRule broken = BrokenRule.None)
    {
        var fake = new FakeProductionInterface(broken);
        await fake._app.StartAsync();
        var address = fake._app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        fake.ProductionUrl = address.TrimEnd('/') + "/produce";
        return fake;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task HandleV2Async(HttpContext context)
    {
        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer, context.RequestAborted);
        var body = buffer.ToArray();
        var query = context.Request.Query;
        var check = VerifyV2(query["signature"], query["timestamp"], query["nonce"], body);
        if (!check.IsValid)
        {
            await WriteAsync(context, check.Code, null, bodySignKey: null);
            return;
        }

        Dictionary<string, string> fields;
        using (var document = JsonDocument.Parse(body))
        {
            fields = document.RootElement.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.ToString());
        }

        var (code, write) = await HandleAsync(fields, context.RequestAborted);
        await WriteAsync(context, code, write, bodySignKey: null);
    }

    private SignatureCheck VerifyV2(string? signature, string? timestamp, string? nonce, byte[] body)
    {
        var now = DateTimeOffset.UtcNow;
        var window = _broken == BrokenRule.AcceptsStaleTimestamp ? TimeSpan.FromDays(365) : Window;
        var check = V2Signature.Verify([V2Key], signature, timestamp, nonce, body, now, window);
        if (check.Verdict == SignatureVerdict.BadSignature && _broken == BrokenRule.SignatureValueNotVerified)
        {
            check = new SignatureCheck(SignatureVerdict.Valid);
        }

        if (check.IsValid && _broken != BrokenRule.AcceptsReplayedNonce && !_nonces.TryAdd(nonce!, 0))
        {
            return SignatureCheck.Fail(SignatureVerdict.MissingNonce);
        }

        return check;
    }

    private async Task HandleV1Async(HttpContext context)
    {
        var rawQuery = context.Request.QueryString.Value ?? string.Empty;
        var check = AuthToken.VerifyQuery([V1Key], rawQuery);
        var fields = Protocol.Signing.QueryString.Parse(rawQuery, plusAsSpace: false).ToDictionary(p => p.Key, p => p.Value ?? string.Empty);
        if (check.IsValid && _broken != BrokenRule.AcceptsStaleTimestamp
            && (!KooTime.TryParseUtcDigits(fields.GetValueOrDefault("timeStamp"), out var sent) || (DateTimeOffset.UtcNow - sent).Duration() > TimeSpan.FromMinutes(10)))
        {
            check = SignatureCheck.Fail(SignatureVerdict.TimestampOutsideWindow);
        }

        if (!check.IsValid)
        {
            await WriteAsync(context, check.Code, null, V1Key);
            return;
        }

        var (code, write) = await HandleAsync(fields, context.RequestAborted);
        await WriteAsync(context, code, write, V1Key);
    }

    /// <summary>The SaaS activities of both versions, on one in-memory store.</summary>
    private async Task<(ResultCode Code, Action<Utf8JsonWriter>? Write)> HandleAsync(Dictionary<string, string> fields, CancellationToken cancellationToken)
    {
        var activity = fields.GetValueOrDefault("activity");
        var test = fields.GetValueOrDefault("testFlag") == "1";
        if (activity == "newInstance")
        {
            return await CreateAsync(fields, test, cancellationToken);
        }

        var instanceId = fields.GetValueOrDefault("instanceId") ?? string.Empty;
        var known = _instances.TryGetValue(instanceId, out var instance) && !instance.Released;
        if (!known && !test && _broken != BrokenRule.UnknownInstanceSucceeds && !(activity == "releaseInstance" && instance is not null))
        {
            return (ResultCode.InstanceNotFound, null);
        }

        switch (activity)
        {
            case "queryInstance":
                return (ResultCode.Success, w =>
                {
                    w.WriteStartArray("info");
                    w.WriteStartObject();
                    w.WriteString("instanceId", instanceId);
                    w.WriteStartObject("appInfo");
                    w.WriteString("frontEndUrl", $"https://app.example.com/{instanceId}");
                    w.WriteEndObject();
                    w.WriteEndObject();
                    w.WriteEndArray();
                }
                );
            case "releaseInstance":
                if (instance is not null && !test)
                {
                    instance.Released = true;
                }

                return (ResultCode.Success, null);
            case "refreshInstance" or "changeInstanceCheck" or "upgradeInstance" or "updateInstanceStatus"
                or "upgrade" or "instanceStatus" or "expireInstance":
                return (ResultCode.Success, null);
            default:
                return (ResultCode.InvalidParameter.WithMessage("unknown activity"), null);
        }
    }

    private async Task<(ResultCode Code, Action<Utf8JsonWriter>? Write)> CreateAsync(Dictionary<string, string> fields, bool test, CancellationToken cancellationToken)
    {
        if (_broken == BrokenRule.SlowNewInstance)
        {
            await Task.Delay(TimeSpan.FromSeconds(2), cancellationToken);
        }

        // V2 keys on orderId + orderLineId, V1 on orderId + productId; debug orders are kept apart from real ones.
        var order = $"{fields["orderId"]}/{fields.GetValueOrDefault("orderLineId") ?? fields.GetValueOrDefault("productId")}";
        var orderKey = _broken == BrokenRule.TestFlagCreatesLastingInstance ? order : $"{order}/{test}";
        var businessId = fields["businessId"];
        string instanceId;
        if (_broken == BrokenRule.NewInstanceIdOnRetry)
        {
            instanceId = businessId;
        }
        else if (_broken == BrokenRule.RacyDuplicates)
        {
            if (!_instanceByOrder.TryGetValue(orderKey, out instanceId!))
            {
                await Task.Delay(TimeSpan.FromMilliseconds(500), cancellationToken);
                _instanceByOrder[orderKey] = instanceId = businessId;
            }
        }
        else
        {
            instanceId = _instanceByOrder.GetOrAdd(orderKey, businessId);
        }

        _instances.TryAdd(instanceId, new Instance());
        return (ResultCode.Success, w =>
        {
            if (_broken != BrokenRule.MissingInstanceId)
            {
                w.WriteString("instanceId", instanceId);
            }
        }
        );
    }

    private async Task WriteAsync(HttpContext context, ResultCode code, Action<Utf8JsonWriter>? write, string? bodySignKey)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("resultCode", code.Code);
            if (_broken != BrokenRule.MissingResultMsg)
            {
                writer.WriteString("resultMsg", code.Message);
            }

            write?.Invoke(writer);
            writer.WriteEndObject();
        }

        var body = buffer.ToArray();
        context.Response.StatusCode = _broken == BrokenRule.Http500 ? 500 : 200;
        context.Response.ContentType = _broken == BrokenRule.WrongContentType ? "text/plain;charset=utf-8" : "application/json;charset=utf-8";
        if (bodySignKey is not null && _broken != BrokenRule.MissingBodySign)
        {
            var signed = _broken == BrokenRule.WrongBodySign ? [.. body, (byte)' '] : body;
            context.Response.Headers[BodySign.HeaderName] = BodySign.HeaderValue(bodySignKey, signed);
        }

        await context.Response.Body.WriteAsync(body, context.RequestAborted);
    }

    private sealed class Instance
    {
        public bool Released { get; set; }
    }
}

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
/// <c>lax</c> makes it the lax-but-correct seller of Huawei's own sample: debug calls answered with success and no
/// state, no nonce cache, a one-sided timestamp window, <c>queryInstance</c> answering 000000 without unknown ids, other
/// unknown ids answered with success, no <c>changeInstanceCheck</c>, and <c>"instanceId":null</c> in non-create replies.
/// <c>foreign</c> answers in the style of another stack, as the spec allows: members the spec does not name (top level
/// and nested), <c>resultCode</c> and <c>resultMsg</c> last, <c>usageValue</c> as a string, and numeric instance ids
/// written as JSON numbers (a database key; Huawei's Jackson reads a number into a String field).
/// </summary>
public sealed class FakeProductionInterface : IAsyncDisposable
{
    public const string V2Key = "fake-basic-key";
    public const string V1Key = "fake-v1-key";
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(60);

    private readonly BrokenRule _broken;
    private readonly bool _lax;
    private readonly bool _foreign;
    private long _lastNumericId = 1000;
    private readonly TimeSpan? _provisioning;
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, byte> _nonces = new();
    private readonly ConcurrentDictionary<string, string> _instanceByOrder = new();
    private readonly ConcurrentDictionary<string, Instance> _instances = new();

    private FakeProductionInterface(BrokenRule broken, bool lax, TimeSpan? provisioning, bool foreign)
    {
        _broken = broken;
        _lax = lax;
        _foreign = foreign;
        _provisioning = provisioning;
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        _app = builder.Build();
        _app.MapPost("/produce", HandleV2Async);
        _app.MapGet("/produce", HandleV1Async);
    }

    public string ProductionUrl { get; private set; } = string.Empty;

    /// <param name="provisioning">
    /// Webhook mode: a real create answers 000004 and the instance is listed by queryInstance only this long after
    /// (<see cref="Timeout.InfiniteTimeSpan"/>: never).
    /// </param>
    public static async Task<FakeProductionInterface> StartAsync(
        BrokenRule broken = BrokenRule.None, bool lax = false, TimeSpan? provisioning = null, bool foreign = false)
    {
        var fake = new FakeProductionInterface(broken, lax, provisioning, foreign);
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

        // The last value of a repeated key, as most JSON-to-map binders read it.
        var fields = new Dictionary<string, string>();
        using (var document = JsonDocument.Parse(body))
        {
            foreach (var property in document.RootElement.EnumerateObject())
            {
                fields[property.Name] = property.Value.ToString();
            }
        }

        var (code, write) = await HandleAsync(fields, context.RequestAborted);
        await WriteAsync(context, code, write, bodySignKey: null);
    }

    /// <summary>
    /// The V2 signature over the raw body (saas-v2.md §2.2), on its own so that the fake does not depend on
    /// KooGate.Protocol's canonical fallback.
    /// </summary>
    private SignatureCheck VerifyV2(string? signature, string? timestamp, string? nonce, byte[] body)
    {
        if (string.IsNullOrEmpty(timestamp) || string.IsNullOrEmpty(nonce) || !long.TryParse(timestamp, out var milliseconds))
        {
            return SignatureCheck.Fail(SignatureVerdict.MissingNonce);
        }

        var age = DateTimeOffset.UtcNow - DateTimeOffset.FromUnixTimeMilliseconds(milliseconds);
        var window = _broken == BrokenRule.AcceptsStaleTimestamp ? TimeSpan.FromDays(365) : Window;
        // Huawei's sample checks only that the timestamp is not too old.
        if (age > window || (!_lax && age < -window))
        {
            return SignatureCheck.Fail(SignatureVerdict.TimestampOutsideWindow);
        }

        var signed = _broken == BrokenRule.VerifiesFirstValueActsOnLast && !Matches(signature, nonce, timestamp, body)
            ? FirstValuesWithoutNulls(body)
            : body;
        if (string.IsNullOrEmpty(signature)
            || (_broken != BrokenRule.SignatureValueNotVerified && !Matches(signature, nonce, timestamp, signed)))
        {
            return SignatureCheck.Fail(SignatureVerdict.BadSignature);
        }

        if (!_lax && _broken != BrokenRule.AcceptsReplayedNonce && !_nonces.TryAdd(nonce, 0))
        {
            return SignatureCheck.Fail(SignatureVerdict.MissingNonce);
        }

        return new SignatureCheck(SignatureVerdict.Valid);
    }

    private static bool Matches(string? signature, string nonce, string timestamp, byte[] payload) =>
        string.Equals(signature, V2Signature.Compute(V2Key, nonce, timestamp, payload), StringComparison.OrdinalIgnoreCase);

    /// <summary>A canonical form that keeps the first of repeated keys and drops nulls: the mistake of README decision 2.</summary>
    private static byte[] FirstValuesWithoutNulls(byte[] body)
    {
        using var document = JsonDocument.Parse(body);
        var kept = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var property in document.RootElement.EnumerateObject())
        {
            if (property.Value.ValueKind != JsonValueKind.Null)
            {
                kept.TryAdd(property.Name, property.Value.GetRawText());
            }
        }

        return System.Text.Encoding.UTF8.GetBytes("{" + string.Join(",", kept.Select(p => $"{JsonSerializer.Serialize(p.Key)}:{p.Value}")) + "}");
    }

    private async Task HandleV1Async(HttpContext context)
    {
        var rawQuery = context.Request.QueryString.Value ?? string.Empty;
        var parameters = Protocol.Signing.QueryString.Parse(rawQuery, plusAsSpace: false);
        var names = rawQuery.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries).Select(p => p.Split('=')[0]).ToList();
        if (names.Distinct(StringComparer.Ordinal).Count() != names.Count)
        {
            // README decision 13: a repeated parameter is refused before anything else.
            await WriteAsync(context, ResultCode.InvalidParameter, null, V1Key);
            return;
        }

        var check = AuthToken.VerifyQuery([V1Key], rawQuery);
        var fields = parameters.ToDictionary(p => p.Key, p => p.Value ?? string.Empty);
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
        if (_lax && test)
        {
            return SampleDebugAnswer(activity, fields);
        }

        if (activity == "newInstance")
        {
            return await CreateAsync(fields, test, cancellationToken);
        }

        var instanceId = fields.GetValueOrDefault("instanceId") ?? string.Empty;
        var known = _instances.TryGetValue(instanceId, out var instance) && !instance.Released;
        if (!known && (_lax || _broken == BrokenRule.UnknownInstanceSucceeds))
        {
            // Huawei's sample: no 000003, and queryInstance lists only what it knows.
            return (ResultCode.Success, activity == "queryInstance" ? (Action<Utf8JsonWriter>)(w => Listing(w, [])) : NullInstanceId);
        }

        if (!known && !test && !(activity == "releaseInstance" && instance is not null))
        {
            return (ResultCode.InstanceNotFound, null);
        }

        switch (activity)
        {
            case "queryInstance" when instance is { Ready: false }:
                // Webhook mode, like KooGate.Server: still provisioning in the seller's application.
                return (ResultCode.Processing, null);
            case "queryInstance":
                return (ResultCode.Success, w => Listing(w, [instanceId], instance?.OnDemand == true && _broken != BrokenRule.NoUsageInfo, _foreign));
            case "releaseInstance":
                if (instance is not null && !test)
                {
                    instance.Released = true;
                }

                return (ResultCode.Success, null);
            case "changeInstanceCheck" when _lax:
                return (ResultCode.InvalidParameter.WithMessage("unknown activity"), null);
            case "refreshInstance" or "changeInstanceCheck" or "upgradeInstance" or "updateInstanceStatus"
                or "upgrade" or "instanceStatus" or "expireInstance":
                return (ResultCode.Success, _lax ? NullInstanceId : null);
            default:
                return (ResultCode.InvalidParameter.WithMessage("unknown activity"), null);
        }
    }

    /// <summary>Huawei's sample on testFlag=1: success, instanceId = businessId, nothing stored.</summary>
    private static (ResultCode Code, Action<Utf8JsonWriter>? Write) SampleDebugAnswer(string? activity, Dictionary<string, string> fields) =>
        activity switch
        {
            "newInstance" => (ResultCode.Success, w => w.WriteString("instanceId", fields["businessId"])),
            "queryInstance" => (ResultCode.Success, w => Listing(w, fields["instanceId"].Split(','))),
            "changeInstanceCheck" => (ResultCode.InvalidParameter.WithMessage("unknown activity"), null),
            _ => (ResultCode.Success, NullInstanceId),
        };

    private static void NullInstanceId(Utf8JsonWriter writer) => writer.WriteNull("instanceId");

    private static void Listing(Utf8JsonWriter w, IEnumerable<string> instanceIds, bool usageInfo = false, bool foreign = false)
    {
        w.WriteStartArray("info");
        foreach (var instanceId in instanceIds)
        {
            w.WriteStartObject();
            WriteInstanceId(w, instanceId, foreign);
            w.WriteStartObject("appInfo");
            w.WriteString("frontEndUrl", $"https://app.example.com/{instanceId}");
            if (foreign)
            {
                w.WriteString("theme", "dark");
            }

            w.WriteEndObject();
            if (usageInfo)
            {
                w.WriteStartArray("usageInfo");
                w.WriteStartObject();
                if (foreign)
                {
                    w.WriteString("usageValue", "12.5000");
                    w.WriteNumber("meterVersion", 2);
                }
                else
                {
                    w.WriteNumber("usageValue", 12.5m);
                }

                w.WriteString("statisticalTime", KooTime.ToUtc17(DateTimeOffset.UtcNow));
                w.WriteEndObject();
                w.WriteEndArray();
            }

            w.WriteEndObject();
        }

        w.WriteEndArray();
    }

    private static void WriteInstanceId(Utf8JsonWriter w, string instanceId, bool foreign)
    {
        if (foreign && long.TryParse(instanceId, out var number))
        {
            w.WriteNumber("instanceId", number);
        }
        else
        {
            w.WriteString("instanceId", instanceId);
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
        else if (_foreign)
        {
            instanceId = _instanceByOrder.GetOrAdd(orderKey, _ => Interlocked.Increment(ref _lastNumericId).ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
        else
        {
            instanceId = _instanceByOrder.GetOrAdd(orderKey, businessId);
        }

        var webhook = _provisioning is { } delay && !test;
        _instances.TryAdd(instanceId, new Instance
        {
            OnDemand = fields["orderId"] == "MOCKONDEMAND",
            ReadyAt = webhook ? (_provisioning == Timeout.InfiniteTimeSpan ? DateTimeOffset.MaxValue : DateTimeOffset.UtcNow + _provisioning!.Value) : DateTimeOffset.MinValue,
        });
        return (webhook && !_instances[instanceId].Ready ? ResultCode.Processing : ResultCode.Success, w =>
        {
            if (_broken == BrokenRule.InstanceIdAsObject)
            {
                w.WriteStartObject("instanceId");
                w.WriteString("id", instanceId);
                w.WriteEndObject();
            }
            else if (_broken != BrokenRule.MissingInstanceId)
            {
                WriteInstanceId(w, instanceId, _foreign);
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
            if (_foreign)
            {
                writer.WriteString("traceId", Guid.NewGuid().ToString("N"));
                writer.WriteStartObject("server");
                writer.WriteString("stack", "another language");
                writer.WriteEndObject();
                write?.Invoke(writer);
            }

            writer.WriteString("resultCode", code.Code);
            if (_broken != BrokenRule.MissingResultMsg)
            {
                writer.WriteString("resultMsg", code.Message);
            }

            if (!_foreign)
            {
                write?.Invoke(writer);
            }

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

        public bool OnDemand { get; init; }

        /// <summary>Webhook mode: when the seller's application confirms the instance.</summary>
        public DateTimeOffset ReadyAt { get; init; }

        public bool Ready => DateTimeOffset.UtcNow >= ReadyAt;
    }
}

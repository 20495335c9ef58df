using System.Diagnostics;
using System.Text;
using System.Text.Json;
using KooGate.Protocol;
using KooGate.Protocol.Signing;
using KooGate.Server.Configuration;
using KooGate.Server.Data;
using KooGate.Server.Produce.Verification;
using Microsoft.Extensions.Options;

namespace KooGate.Server.Produce;

/// <summary>
/// The signed POST families: V2 basic interfaces (dispatched on the body's <c>activity</c>, key chosen by interface
/// type) and Kit V2 syncs (<c>x-sign</c> headers). Route → verify → replay check → handler → response → log.
/// </summary>
public sealed class PostEndpoint(
    InterfaceKeys keys,
    IEnumerable<IActivityHandler> activityHandlers,
    IEnumerable<IKitHandler> kitHandlers,
    NonceStore nonces,
    CallbackRecorder recorder,
    CallDeadline deadline,
    IOptions<KooGateOptions> options,
    TimeProvider time,
    ILogger<PostEndpoint> logger)
{
    public const int MaxBodyBytes = 1 << 20;

    public async Task HandleBasicAsync(HttpContext context)
    {
        var started = Stopwatch.GetTimestamp();
        var body = await ReadBodyAsync(context);
        var activity = PeekActivity(body);
        var handler = activityHandlers.FirstOrDefault(h => h.Activity == activity);
        var keyType = handler?.KeyType ?? InterfaceType.Basic;
        var verifyKeys = handler is null ? keys.For(keyType) : [.. handler.AcceptedKeyTypes.SelectMany(keys.For)];
        var query = context.Request.Query;
        var now = time.GetUtcNow();
        var check = body is null
            ? SignatureCheck.Fail(SignatureVerdict.BadSignature)
            : V2Signature.Verify(verifyKeys, query[V2Signature.SignatureParameter], query[V2Signature.TimestampParameter],
                query[V2Signature.NonceParameter], body, now, Window);
        var (result, late) = await deadline.RunAsync(
            token => DispatchAsync(check, body, keyType, query[V2Signature.NonceParameter].ToString(), now,
                fields => handler is null
                    ? Task.FromResult(ProduceResult.Invalid(activity is null ? "activity is missing" : $"activity {activity} is not supported"))
                    : handler.HandleAsync(new ProduceCall(activity!, fields, fields.IsTest(), now), token),
                token),
            () => check.IsValid && activity == Protocol.Messages.Activities.NewInstance ? CreateKeyOf(body!) : null,
            context.RequestAborted);
        var family = keyType switch { InterfaceType.License => "license-code", InterfaceType.General => "general", _ => "saas-v2" };
        await RespondAsync(context, result, check, verifyKeys, family, activity, body, started, late);
    }

    public async Task HandleKitAsync(HttpContext context, string name)
    {
        var started = Stopwatch.GetTimestamp();
        var body = await ReadBodyAsync(context);
        var handler = kitHandlers.FirstOrDefault(h => h.Name == name);
        var headers = context.Request.Headers;
        var now = time.GetUtcNow();
        var check = body is null
            ? SignatureCheck.Fail(SignatureVerdict.BadSignature)
            : KitSignature.Verify(keys.For(InterfaceType.Kit), headers[KitSignature.SignHeader], headers[KitSignature.TimestampHeader],
                headers[KitSignature.NonceHeader], body, now, Window);
        var (result, late) = await deadline.RunAsync(
            token => DispatchAsync(check, body, InterfaceType.Kit, headers[KitSignature.NonceHeader].ToString(), now,
                fields => handler is null
                    ? Task.FromResult(ProduceResult.Invalid($"Kit interface {name} is not supported"))
                    : handler.HandleAsync(new ProduceCall(name, fields, fields.IsTest(), now), token),
                token),
            () => null,
            context.RequestAborted);
        await RespondAsync(context, result, check, keys.For(InterfaceType.Kit), "kit-v2", name, body, started, late);
    }

    private TimeSpan Window => TimeSpan.FromSeconds(options.Value.TimestampWindowSeconds);

    private async Task<ProduceResult> DispatchAsync(
        SignatureCheck check, byte[]? body, InterfaceType keyType, string nonce, DateTimeOffset now,
        Func<RequestFields, Task<ProduceResult>> handle, CancellationToken cancellationToken)
    {
        if (!check.IsValid)
        {
            return new ProduceResult(check.Code);
        }

        if (Protocol.Json.StrictJson.Inspect(body).HasUndecodableText)
        {
            // Signed, but a string is not text (invalid UTF-8, a lone surrogate): resending it cannot help.
            return ProduceResult.Invalid("body holds a string that is not valid UTF-8 text");
        }

        bool fresh;
        try
        {
            fresh = await nonces.TryRecordAsync(keyType.ToString(), nonce, now);
        }
        catch (Exception e)
        {
            // The call cannot be checked for replay now (database down, shutting down); KooGallery retries it (README
            // decision 11), and a 200 000005 keeps the answer inside the protocol instead of a 500.
            logger.LogError(e, "could not record the nonce");
            return new ProduceResult(ResultCode.InternalError);
        }

        if (!fresh)
        {
            return ProduceResult.Invalid("nonce has already been used");
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body);
        }
        catch (JsonException)
        {
            return ProduceResult.Invalid("body is not valid JSON");
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return ProduceResult.Invalid("body must be a JSON object");
            }

            try
            {
                return await handle(new RequestFields(document.RootElement));
            }
            catch (FieldException e)
            {
                return ProduceResult.Invalid(e.Message);
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                // Still a 200 JSON reply (README decision 11); KooGallery retries, and idempotency makes that safe.
                logger.LogError(e, "handler failed");
                return new ProduceResult(ResultCode.InternalError);
            }
        }
    }

    private async Task RespondAsync(
        HttpContext context, ProduceResult result, SignatureCheck check, IReadOnlyList<string> verifyKeys, string family, string? activity,
        byte[]? body, long started, Task? late)
    {
        var responseBody = ProduceResponseWriter.Serialize(result);
        var signKey = options.Value.BodySignOnV2 && verifyKeys is { Count: > 0 } k ? k[Math.Max(check.KeyIndex, 0)] : null;
        await ProduceResponseWriter.WriteAsync(context, responseBody, signKey, late);
        context.RequestServices.GetRequiredService<Observability.KooGateMetrics>()
            .RecordCallback(family, activity, result.Code.Code, Stopwatch.GetElapsedTime(started));
        await recorder.RecordAsync(new CallbackLog
        {
            ReceivedAt = time.GetUtcNow(),
            Family = family,
            Activity = activity,
            Method = context.Request.Method,
            Path = context.Request.Path,
            Query = context.Request.QueryString.Value ?? string.Empty,
            RequestBody = body is null ? null : Encoding.UTF8.GetString(body, 0, check.IsValid ? body.Length : Math.Min(body.Length, CallbackRecorder.RefusedBodyLimit * 4)),
            ResultCode = result.Code.Code,
            ResponseBody = Encoding.UTF8.GetString(responseBody),
            Verdict = check.IsValid ? $"{check.Reason} ({check.Variant}, key {check.KeyIndex})" : check.Reason,
            ElapsedMilliseconds = Stopwatch.GetElapsedTime(started).TotalMilliseconds,
            InstanceId = result.InstanceId,
            OrderId = result.OrderId,
            IsTest = check.IsValid && body is not null && body.AsSpan().IndexOf("\"testFlag\""u8) >= 0 && TryIsTest(body),
        }, check.IsValid);
    }

    /// <summary>The order line of a verified <c>newInstance</c> body.</summary>
    private static CallDeadline.CreateKey? CreateKeyOf(byte[] body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            var fields = new RequestFields(document.RootElement);
            return fields.Optional("orderId", 64) is { } orderId && fields.Optional("orderLineId", 64) is { } orderLineId
                ? new CallDeadline.CreateKey(orderId, orderLineId, fields.IsTest())
                : null;
        }
        catch (Exception e) when (e is JsonException or FieldException or InvalidOperationException)
        {
            return null;
        }
    }

    private static bool TryIsTest(byte[] body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.ValueKind == JsonValueKind.Object && new RequestFields(document.RootElement).IsTest();
        }
        catch (Exception e) when (e is JsonException or FieldException or InvalidOperationException)
        {
            return false;
        }
    }

    /// <summary>The raw body (never re-serialised before verification), or null when it is too large to accept.</summary>
    internal static async Task<byte[]?> ReadBodyAsync(HttpContext context)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await context.Request.Body.ReadAsync(chunk, context.RequestAborted)) > 0)
        {
            if (buffer.Length + read > MaxBodyBytes)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    /// <summary>The <c>activity</c> string, read before verification only to choose the key type.</summary>
    private static string? PeekActivity(byte[]? body)
    {
        if (body is null)
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("activity", out var activity)
                && activity.ValueKind == JsonValueKind.String
                ? activity.GetString()
                : null;
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            // InvalidOperationException: the activity string is not valid UTF-8; refused like a call without an activity.
            return null;
        }
    }
}

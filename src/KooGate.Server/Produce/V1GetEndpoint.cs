using System.Diagnostics;
using KooGate.Protocol;
using KooGate.Protocol.Signing;
using KooGate.Server.Configuration;
using KooGate.Server.Data;
using Microsoft.Extensions.Options;

namespace KooGate.Server.Produce;

/// <summary>
/// <c>GET {production path}?activity=…</c>: SaaS V1 and the legacy License guide. Verify <c>authToken</c> with the V1
/// Key → timeStamp window → handler → response. Every reply, errors included, carries <c>Body-Sign</c> computed with
/// the V1 Key over the exact body bytes (README decisions 5 and 6).
/// </summary>
public sealed class V1GetEndpoint(
    InterfaceKeys keys,
    IEnumerable<IV1Handler> handlers,
    CallbackRecorder recorder,
    CallDeadline deadline,
    IOptions<KooGateOptions> options,
    TimeProvider time,
    ILogger<V1GetEndpoint> logger)
{
    public async Task HandleAsync(HttpContext context)
    {
        var started = Stopwatch.GetTimestamp();
        var rawQuery = context.Request.QueryString.Value ?? string.Empty;
        var v1Keys = keys.For(InterfaceType.V1);
        var check = AuthToken.VerifyQuery(v1Keys, rawQuery);
        var parameters = Protocol.Signing.QueryString.Parse(rawQuery, plusAsSpace: check.Variant == PayloadVariant.PlusAsSpace);
        var activity = Lookup(parameters, "activity");
        var handler = handlers.FirstOrDefault(h => h.Activity == activity);
        var isTest = Lookup(parameters, "testFlag") == "1";
        var now = time.GetUtcNow();
        var key = v1Keys.Count > 0 ? v1Keys[Math.Max(check.KeyIndex, 0)] : null;

        ProduceResult result;
        Task? late = null;
        if (!check.IsValid)
        {
            result = new ProduceResult(check.Code);
        }
        else if (V1Timestamp.Problem(Lookup(parameters, AuthToken.TimeStampParameter), chinaTime: false, now, options.Value.V1.TimestampWindowSeconds) is { } problem)
        {
            result = ProduceResult.Invalid(problem);
        }
        else if (handler is null)
        {
            result = ProduceResult.Invalid(activity is null ? "activity is missing" : $"activity {activity} is not supported");
        }
        else
        {
            (result, late) = await V1Responder.RunAsync(deadline, token => handler.HandleAsync(new V1Call(activity!, parameters, isTest, now, key!), token), logger, context.RequestAborted);
        }

        await V1Responder.RespondAsync(context, recorder, time, result, key, check, handler?.Family ?? "v1", activity, requestBody: null, isTest, started, late);
    }

    private static string? Lookup(IEnumerable<KeyValuePair<string, string?>> parameters, string name) =>
        parameters.FirstOrDefault(p => p.Key == name).Value;
}

/// <summary>The reply and callback-log steps shared by the V1 GET and V1 Kit endpoints.</summary>
internal static class V1Responder
{
    /// <summary>
    /// Runs a handler within the call deadline (<see cref="CallDeadline"/>): a bad field answers 000002, an unexpected
    /// failure or the deadline 000005 — never an unsigned 500.
    /// </summary>
    public static Task<(ProduceResult Result, Task? Late)> RunAsync(
        CallDeadline deadline, Func<CancellationToken, Task<ProduceResult>> handle, ILogger logger, CancellationToken aborted) =>
        deadline.RunAsync(token => RunAsync(() => handle(token), logger), () => null, aborted);

    private static async Task<ProduceResult> RunAsync(Func<Task<ProduceResult>> handle, ILogger logger)
    {
        try
        {
            return await handle();
        }
        catch (FieldException e)
        {
            return ProduceResult.Invalid(e.Message);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogError(e, "V1 handler failed");
            return new ProduceResult(ResultCode.InternalError);
        }
    }

    public static async Task RespondAsync(
        HttpContext context, CallbackRecorder recorder, TimeProvider time, ProduceResult result, string? key, SignatureCheck check,
        string family, string? activity, string? requestBody, bool isTest, long started, Task? late = null)
    {
        var responseBody = ProduceResponseWriter.Serialize(result);
        await ProduceResponseWriter.WriteAsync(context, responseBody, key, late);
        await recorder.RecordAsync(new CallbackLog
        {
            ReceivedAt = time.GetUtcNow(),
            Family = family,
            Activity = activity,
            Method = context.Request.Method,
            Path = context.Request.Path,
            Query = context.Request.QueryString.Value ?? string.Empty,
            RequestBody = requestBody,
            ResultCode = result.Code.Code,
            ResponseBody = System.Text.Encoding.UTF8.GetString(responseBody),
            Verdict = check.IsValid ? $"{check.Reason} ({check.Variant}, key {check.KeyIndex})" : check.Reason,
            ElapsedMilliseconds = Stopwatch.GetElapsedTime(started).TotalMilliseconds,
            InstanceId = result.InstanceId,
            OrderId = result.OrderId,
            IsTest = isTest,
        }, check.IsValid);
    }
}

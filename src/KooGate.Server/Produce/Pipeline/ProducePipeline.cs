using System.Text;
using KooGate.Protocol;
using KooGate.Protocol.Json;
using KooGate.Protocol.Signing;
using KooGate.Server.Configuration;
using KooGate.Server.Data;
using KooGate.Server.Observability;
using Microsoft.Extensions.Options;

namespace KooGate.Server.Produce.Pipeline;

/// <summary>One named step; null lets the call go on, a result answers it.</summary>
public sealed record ProduceStep(string Name, Func<ProduceExchange, CancellationToken, ValueTask<ProduceResult?>> Run);

/// <summary>
/// The production interface, every family: one ordered list of single-rule steps (docs/architecture.md). What differs
/// per family is data — a <see cref="ProduceFamily"/> — never a copy of this loop. A refusal is a result code, not an
/// exception; whatever happens, the reply is written, counted and logged.
/// </summary>
public sealed class ProducePipeline
{
    private readonly CallDeadline _deadline;
    private readonly KooGateMetrics _metrics;
    private readonly IOptions<KooGateOptions> _options;
    private readonly TimeProvider _time;
    private readonly ILogger<ProducePipeline> _logger;

    public ProducePipeline(CallDeadline deadline, KooGateMetrics metrics, IOptions<KooGateOptions> options, TimeProvider time, ILogger<ProducePipeline> logger)
    {
        (_deadline, _metrics, _options, _time, _logger) = (deadline, metrics, options, time, logger);
        Checks =
        [
            new("read the request once", ReadRequestAsync),
            new("route: activity, key type, log family (unverified, only to choose the key)", Route),
            new("refuse a repeated key", RefuseRepeatedKey),
            new("verify with the family's scheme and key", Verify),
            new("refuse a string that is not text", RefuseUndecodableText),
            new("read the verified fields", ReadFields),
            new("parse into the typed request and validate it", BindRequest),
        ];
        Bounded =
        [
            new("refuse a replay", CheckReplayAsync),
            new("resolve the one matched handler", ResolveHandler),
            new("handle", HandleAsync),
        ];
    }

    /// <summary>Before any database work, in this order; the first refusal answers the call.</summary>
    public IReadOnlyList<ProduceStep> Checks { get; }

    /// <summary>Inside the call deadline (<see cref="CallDeadline"/>): everything that may wait on the database.</summary>
    public IReadOnlyList<ProduceStep> Bounded { get; }

    /// <summary>Runs one call through the steps, then records metrics, writes the reply (Body-Sign where required) and logs it.</summary>
    public async Task RunAsync(HttpContext http, ProduceFamily family, string? pathName = null)
    {
        using var call = new ProduceExchange(http, family, pathName, _time.GetUtcNow());
        foreach (var step in Checks)
        {
            if (await step.Run(call, http.RequestAborted) is { } refused)
            {
                call.Answer(refused);
                break;
            }
        }

        if (!call.IsAnswered)
        {
            var (result, late) = await _deadline.RunAsync(token => RunBoundedAsync(call, token), () => family.CreateKey(call), http.RequestAborted);
            call.Answer(result);
            call.Late = late;
        }

        // Counted before the reply goes out: a caller that has its answer can already see it in the metrics, and
        // work still running after a deadline answer does not delay the count.
        var reply = ProduceResponseWriter.Serialize(call.Result!);
        RecordMetrics(call);
        await WriteReplyAsync(call, reply);
        await LogCallbackAsync(call, reply);
    }

    private async Task<ProduceResult> RunBoundedAsync(ProduceExchange call, CancellationToken cancellationToken)
    {
        foreach (var step in Bounded)
        {
            if (await step.Run(call, cancellationToken) is { } result)
            {
                return result;
            }
        }

        throw new InvalidOperationException("the handle step always answers");
    }

    private static async ValueTask<ProduceResult?> ReadRequestAsync(ProduceExchange call, CancellationToken cancellationToken)
    {
        if (call.Family.HasBody)
        {
            call.Body = await ReadBodyAsync(call.Http.Request.Body, cancellationToken);
        }

        return null;
    }

    /// <summary>README decision 13: a parser keeps one of two repeated values and a signature may cover the other.</summary>
    private static ValueTask<ProduceResult?> RefuseRepeatedKey(ProduceExchange call, CancellationToken cancellationToken)
    {
        call.Payload = !call.Family.HasBody ? ScannedPayload.Query(call.Http.Request.QueryString.Value ?? string.Empty)
            : call.Body is { } body ? ScannedPayload.Json(body)
            : null;
        return Refuse(call, call.Payload?.RepeatedKey is { } repeated ? SignatureCheck.Duplicate(repeated) : null);
    }

    private static ValueTask<ProduceResult?> Route(ProduceExchange call, CancellationToken cancellationToken)
    {
        call.Family.Route(call);
        return ValueTask.FromResult<ProduceResult?>(null);
    }

    private static ValueTask<ProduceResult?> Verify(ProduceExchange call, CancellationToken cancellationToken) =>
        Refuse(call, call.Family.HasBody && call.Body is null ? SignatureCheck.Fail(SignatureVerdict.BadSignature) : call.Family.Verify(call));

    private static ValueTask<ProduceResult?> Refuse(ProduceExchange call, SignatureCheck? check)
    {
        if (check is not null)
        {
            call.Check = check;
        }

        return ValueTask.FromResult(check is { IsValid: false } ? new ProduceResult(check.Code) : null);
    }

    /// <summary>Signed, but a string is not text (invalid UTF-8, a lone surrogate): resending it cannot help.</summary>
    private static ValueTask<ProduceResult?> RefuseUndecodableText(ProduceExchange call, CancellationToken cancellationToken) =>
        ValueTask.FromResult(call.Payload is { HasUndecodableText: true } ? ProduceResult.Invalid("body holds a string that is not valid UTF-8 text") : null);

    private static ValueTask<ProduceResult?> ReadFields(ProduceExchange call, CancellationToken cancellationToken)
    {
        try
        {
            return ValueTask.FromResult(call.Family.ReadFields(call));
        }
        catch (FieldException e)
        {
            return ValueTask.FromResult<ProduceResult?>(ProduceResult.Invalid(e.Message));
        }
    }

    private static ValueTask<ProduceResult?> CheckReplayAsync(ProduceExchange call, CancellationToken cancellationToken) =>
        call.Family.CheckReplayAsync(call);

    private static ValueTask<ProduceResult?> BindRequest(ProduceExchange call, CancellationToken cancellationToken) =>
        ValueTask.FromResult(call.Family.BindRequest(call));

    private static ValueTask<ProduceResult?> ResolveHandler(ProduceExchange call, CancellationToken cancellationToken)
    {
        call.Handler = call.Activity is null ? null : call.Family.ResolveHandler(call, call.Http.RequestServices);
        return ValueTask.FromResult(call.Handler is null ? call.Family.Unsupported(call) : null);
    }

    private async ValueTask<ProduceResult?> HandleAsync(ProduceExchange call, CancellationToken cancellationToken)
    {
        try
        {
            return await call.Family.HandleAsync(call, cancellationToken);
        }
        catch (FieldException e)
        {
            return ProduceResult.Invalid(e.Message);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // Still a 200 JSON reply (README decision 11); KooGallery retries, and idempotency makes that safe.
            _logger.LogError(e, "{Family} handler for {Activity} failed", call.LogFamily, call.Activity);
            return new ProduceResult(ResultCode.InternalError);
        }
    }

    private Task WriteReplyAsync(ProduceExchange call, byte[] reply)
    {
        var signs = call.Family.SignsEveryReply || _options.Value.BodySignOnV2;
        var key = signs && call.Keys.Count > 0 ? call.Keys[Math.Max(call.Check.KeyIndex, 0)] : null;
        return ProduceResponseWriter.WriteAsync(call.Http, reply, key, call.Late);
    }

    private void RecordMetrics(ProduceExchange call) =>
        _metrics.RecordCallback(call.LogFamily, call.Activity, call.Result!.Code.Code, System.Diagnostics.Stopwatch.GetElapsedTime(call.Started));

    private Task LogCallbackAsync(ProduceExchange call, byte[] reply)
    {
        var request = call.Http.Request;
        var check = call.Check;
        return call.Http.RequestServices.GetRequiredService<CallbackRecorder>().RecordAsync(new CallbackLog
        {
            ReceivedAt = _time.GetUtcNow(),
            Family = call.LogFamily,
            Activity = call.Activity,
            Method = request.Method,
            Path = request.Path,
            Query = request.QueryString.Value ?? string.Empty,
            RequestBody = call.Family.LoggedBody(call),
            ResultCode = call.Result!.Code.Code,
            ResponseBody = Encoding.UTF8.GetString(reply),
            Verdict = check.IsValid ? $"{check.Reason} ({check.Variant}, key {check.KeyIndex})" : check.Reason,
            ElapsedMilliseconds = System.Diagnostics.Stopwatch.GetElapsedTime(call.Started).TotalMilliseconds,
            InstanceId = call.Result.InstanceId,
            OrderId = call.Result.OrderId,
            IsTest = call.IsTest,
        }, check.IsValid);
    }

    /// <summary>The raw body (never re-serialised before verification), or null when it is too large to accept.</summary>
    private static async Task<byte[]?> ReadBodyAsync(Stream body, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > ProduceFamily.MaxBodyBytes)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }
}

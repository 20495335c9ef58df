using System.Diagnostics;
using System.Text;
using System.Text.Json;
using KooGate.Emulator.Data;
using KooGate.Protocol;
using KooGate.Protocol.Messages;
using KooGate.Protocol.Signing;
using Microsoft.Extensions.Options;

namespace KooGate.Emulator.Delivery;

/// <summary>The envelope of a production-interface reply once the transport-level checks passed.</summary>
public sealed record CallOutcome(string Verdict, string? ResultCode, JsonElement? Body, string? Detail)
{
    public bool IsSuccess => Verdict == Verdicts.Success;

    public string? Get(string name) =>
        Body is { ValueKind: JsonValueKind.Object } body && body.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;

    /// <summary>
    /// The reply read through its <c>KooGate.Protocol</c> record (the one the server writes with); null when the body
    /// does not fit it (a field of the wrong JSON type).
    /// </summary>
    public TResponse? Read<TResponse>()
        where TResponse : class, IProduceResponse
    {
        if (Body is not { ValueKind: JsonValueKind.Object } body)
        {
            return null;
        }

        try
        {
            return KooJson.Deserialize<TResponse>(body);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException)
        {
            return null;
        }
    }
}

/// <summary>
/// Sends one call with KooGallery's timeout and judges the reply like its debugger: HTTP 200, JSON content type,
/// a six-character <c>resultCode</c>, and a valid <c>Body-Sign</c> where the version requires one (README 6, 11, 12).
/// </summary>
public sealed class ProductionCaller(IHttpClientFactory clients, IOptions<EmulatorOptions> options)
{
    public const string ClientName = "production";

    public async Task<(CallAttempt Attempt, CallOutcome Outcome)> SendAsync(OutboundRequest request, DateTimeOffset virtualNow, CancellationToken cancellationToken)
    {
        var attempt = new CallAttempt
        {
            At = virtualNow,
            Activity = request.Activity,
            Method = request.Method.Method,
            Url = request.Url.ToString(),
            RequestHeaders = request.DescribeHeaders(),
            RequestBody = request.Body,
        };
        if (request.BodySignKey is null)
        {
            return Finish(attempt, new CallOutcome(Verdicts.NoKey, null, null, "no key is bound to this interface type for the product"), 0);
        }

        var started = Stopwatch.GetTimestamp();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.Value.CallTimeoutMilliseconds);
        try
        {
            using var message = request.ToHttpRequest();
            using var response = await clients.CreateClient(ClientName).SendAsync(message, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            var bytes = await response.Content.ReadAsByteArrayAsync(timeout.Token);
            attempt.HttpStatus = (int)response.StatusCode;
            attempt.ResponseHeaders = DescribeHeaders(response);
            attempt.ResponseBody = Encoding.UTF8.GetString(bytes);
            return Finish(attempt, Judge(request, response, bytes), started);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return Finish(attempt, new CallOutcome(Verdicts.Timeout, null, null,
                $"no response within {options.Value.CallTimeoutMilliseconds} ms"), started);
        }
        catch (HttpRequestException e)
        {
            return Finish(attempt, new CallOutcome(Verdicts.Unreachable, null, null, e.Message), started);
        }
    }

    private static (CallAttempt, CallOutcome) Finish(CallAttempt attempt, CallOutcome outcome, long started)
    {
        attempt.DurationMs = started == 0 ? 0 : (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        attempt.Verdict = outcome.Verdict;
        attempt.ResultCode = outcome.ResultCode;
        attempt.Detail = outcome.Detail;
        return (attempt, outcome);
    }

    private static CallOutcome Judge(OutboundRequest request, HttpResponseMessage response, byte[] body)
    {
        if ((int)response.StatusCode != 200)
        {
            return new CallOutcome(Verdicts.HttpError, null, null, $"HTTP {(int)response.StatusCode}: KooGallery treats anything but 200 as a failure");
        }

        if (response.Content.Headers.ContentType?.MediaType is not "application/json")
        {
            return new CallOutcome(Verdicts.BadContentType, null, null,
                $"Content-Type is '{response.Content.Headers.ContentType}', must be application/json");
        }

        JsonElement root;
        try
        {
            root = JsonDocument.Parse(body).RootElement.Clone();
        }
        catch (JsonException)
        {
            return new CallOutcome(Verdicts.BadBody, null, null, "the body is not JSON");
        }

        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("resultCode", out var codeElement)
            || codeElement.ValueKind != JsonValueKind.String || codeElement.GetString() is not { Length: 6 } code)
        {
            return new CallOutcome(Verdicts.BadBody, null, null, "no six-character string resultCode");
        }

        var signCheck = CheckBodySign(request, response, body);
        if (signCheck is not null && request.BodySignRequired)
        {
            return new CallOutcome(signCheck.Value.Verdict, code, root, signCheck.Value.Detail);
        }

        var warning = signCheck is { Verdict: Verdicts.BadBodySign } ? "warning: Body-Sign present but invalid" : null;
        var verdict = code == ResultCode.Success.Code ? Verdicts.Success
            : code == ResultCode.Processing.Code ? Verdicts.Processing
            : Verdicts.BusinessError;
        var message = root.TryGetProperty("resultMsg", out var msg) ? msg.ToString() : "(no resultMsg)";
        return new CallOutcome(verdict, code, root, warning ?? (verdict == Verdicts.Success ? null : $"{code} {message}"));
    }

    /// <summary>Null when the header is fine or (V2) absent.</summary>
    private static (string Verdict, string Detail)? CheckBodySign(OutboundRequest request, HttpResponseMessage response, byte[] body)
    {
        // The checker is case-sensitive about the name (saas-v2.md §5: "Body-sign" fails).
        var header = response.Headers.FirstOrDefault(h => string.Equals(h.Key, BodySign.HeaderName, StringComparison.OrdinalIgnoreCase));
        if (header.Key is null)
        {
            return request.BodySignRequired ? (Verdicts.MissingBodySign, "响应头缺少Body-Sign") : null;
        }

        if (header.Key != BodySign.HeaderName)
        {
            return (Verdicts.MissingBodySign, $"header is named '{header.Key}', must be exactly '{BodySign.HeaderName}'");
        }

        var value = header.Value.FirstOrDefault();
        if (!BodySign.TryParse(value, out _))
        {
            return (Verdicts.MissingBodySign, "Body-Sign is malformed (sign_type=\"HMAC-SHA256\", signature=\"…\")");
        }

        return BodySign.Verify(request.BodySignKey!, value, body) ? null : (Verdicts.BadBodySign, "Body-Sign does not match the body");
    }

    private static string DescribeHeaders(HttpResponseMessage response) =>
        string.Join('\n', response.Headers.Concat(response.Content.Headers)
            .Select(h => $"{h.Key}: {string.Join(", ", h.Value)}"));
}

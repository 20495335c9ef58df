using KooGate.Protocol.Signing;

namespace KooGate.Conformance.Wire;

/// <summary>Sends <see cref="WireRequest"/>s with the marketplace's per-call timeout and records what came back.</summary>
internal sealed class WireClient(HttpClient http, TimeSpan timeout, TimeProvider time)
{
    public TimeSpan Timeout => timeout;

    public async Task<Exchange> SendAsync(WireRequest request, CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(timeout);
        try
        {
            using var message = request.ToMessage();
            using var response = await http.SendAsync(message, HttpCompletionOption.ResponseContentRead, limit.Token);
            var body = await response.Content.ReadAsByteArrayAsync(limit.Token);
            response.Headers.TryGetValues(BodySign.HeaderName, out var bodySign);
            return new Exchange
            {
                Request = request,
                Status = (int)response.StatusCode,
                MediaType = response.Content.Headers.ContentType?.MediaType,
                Body = body,
                BodySign = bodySign?.FirstOrDefault(),
                Elapsed = time.GetElapsedTime(started),
            };
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return Failed(request, started, $"调测失败,调用接口超时: no answer within {timeout.TotalSeconds:0.###} s", timedOut: true);
        }
        catch (HttpRequestException e)
        {
            return Failed(request, started, $"调测失败,生产地址不可达: {e.Message}", timedOut: false);
        }
    }

    private Exchange Failed(WireRequest request, long started, string error, bool timedOut) =>
        new() { Request = request, TransportError = error, TimedOut = timedOut, Elapsed = time.GetElapsedTime(started) };
}

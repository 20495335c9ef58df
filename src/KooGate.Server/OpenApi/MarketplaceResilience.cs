using System.Net;
using Microsoft.Extensions.Http.Resilience;
using Polly;
using Polly.Timeout;

namespace KooGate.Server.OpenApi;

/// <summary>
/// HTTP-level retries for the open APIs. KooGallery answers business errors (unknown instance, invalid usage) with
/// HTTP 500 (saas-v1-and-joint.md §6, license-order-openapi.md §E.6), so only failures that are transient on the wire
/// are retried and counted by the circuit breaker; the background workers decide about the rest from the error code.
/// </summary>
public static class MarketplaceResilience
{
    public static void Configure(HttpStandardResilienceOptions options)
    {
        options.Retry.ShouldHandle = args => ValueTask.FromResult(IsTransient(args.Outcome));
        options.CircuitBreaker.ShouldHandle = args => ValueTask.FromResult(IsTransient(args.Outcome));
    }

    private static bool IsTransient(Outcome<HttpResponseMessage> outcome) => outcome switch
    {
        { Exception: HttpRequestException or TimeoutRejectedException } => true,
        {
            Result.StatusCode: HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests or HttpStatusCode.BadGateway
            or HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout
        } => true,
        _ => false,
    };
}

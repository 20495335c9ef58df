using System.Collections.Concurrent;
using KooGate.Emulator.Clock;

namespace KooGate.Emulator.OpenApi;

/// <summary>
/// Faults of the open-API gateway, switched on by the seller's tests (<c>PUT /api/faults</c>): added latency, HTTP 5xx,
/// throttling (<c>APIGW.0308</c> 429, <c>MKT.0250</c> 406), AK lock-out after consecutive bad signatures, and the main
/// host down so that only the <c>.cn</c> fallback (served under <see cref="FallbackPrefix"/>) answers.
/// </summary>
public sealed record OpenApiFaultSettings
{
    /// <summary>Milliseconds added before every open-API answer.</summary>
    public int LatencyMs { get; init; }

    /// <summary>Every open-API call answers this HTTP status (500-599) with a gateway error body.</summary>
    public int? ServerError { get; init; }

    /// <summary><c>APIGW.0308</c> (HTTP 429) or <c>MKT.0250</c> (HTTP 406) for every call.</summary>
    public string? Throttle { get; init; }

    /// <summary>
    /// license-order-openapi.md §E.6: "more than 5 consecutive failures ⇒ AK locked for 5 minutes"
    /// (<c>AK access failed to reach the limit,forbidden</c>).
    /// </summary>
    public bool AkLockout { get; init; }

    /// <summary>The main host (mkt.myhuaweicloud.com) drops every connection; only the fallback host answers.</summary>
    public bool MainHostDown { get; init; }

    public string? Validate() =>
        LatencyMs is < 0 or > 60_000 ? "latencyMs must be between 0 and 60000"
        : ServerError is { } status && status is < 500 or > 599 ? "serverError must be an HTTP status from 500 to 599"
        : Throttle is not (null or "APIGW.0308" or "MKT.0250") ? "throttle must be APIGW.0308 or MKT.0250"
        : null;
}

public sealed class OpenApiFaults(VirtualClock clock)
{
    /// <summary>The emulator's stand-in for mkt.myhuaweicloud.cn: the open APIs again under this path prefix.</summary>
    public const string FallbackPrefix = "/cn";

    public const int LockoutFailures = 5;
    public static readonly TimeSpan LockoutPeriod = TimeSpan.FromMinutes(5);

    private readonly ConcurrentDictionary<string, (int Failures, DateTimeOffset? LockedUntil)> _accessKeys = new(StringComparer.Ordinal);

    public OpenApiFaultSettings Settings { get; set; } = new();

    /// <summary>Whether the AK is locked now (only with <see cref="OpenApiFaultSettings.AkLockout"/>).</summary>
    public bool IsLocked(string accessKey) =>
        Settings.AkLockout && _accessKeys.TryGetValue(accessKey, out var state) && state.LockedUntil > clock.GetUtcNow();

    /// <summary>Counts a bad signature; the sixth in a row locks the AK for five minutes.</summary>
    public void Failed(string accessKey) => _accessKeys.AddOrUpdate(accessKey, _ => (1, null), (_, state) =>
    {
        var failures = state.Failures + 1;
        return (failures, failures > LockoutFailures ? clock.GetUtcNow() + LockoutPeriod : state.LockedUntil);
    });

    public void Succeeded(string accessKey) => _accessKeys.TryRemove(accessKey, out _);

    public void Reset()
    {
        Settings = new();
        _accessKeys.Clear();
    }

    /// <summary>Whether a request path is an open-API call (on the main host or the fallback).</summary>
    public static bool IsOpenApi(PathString path) =>
        path.StartsWithSegments("/api/mkp-openapi-public") || path.StartsWithSegments(FallbackPrefix + "/api/mkp-openapi-public");

    /// <summary>Applies the faults before an open-API endpoint runs; true when the call was answered (or dropped) here.</summary>
    public async Task<bool> InterceptAsync(HttpContext context)
    {
        var settings = Settings;
        if (settings.MainHostDown && !context.Request.Path.StartsWithSegments(FallbackPrefix))
        {
            // Unreachable, as a host that is down is: no HTTP answer at all.
            context.Abort();
            return true;
        }

        if (settings.LatencyMs > 0)
        {
            await Task.Delay(settings.LatencyMs, context.RequestAborted);
        }

        var (status, code, message) = settings switch
        {
            { ServerError: { } error } => (error, "APIGW.0101", "The API does not exist or has not been published in the environment"),
            { Throttle: "APIGW.0308" } => (429, "APIGW.0308", "The throttling threshold has been reached"),
            { Throttle: "MKT.0250" } => (406, "MKT.0250", "Access frequency overlimit"),
            _ => (0, string.Empty, string.Empty),
        };
        if (status == 0)
        {
            return false;
        }

        if (code.StartsWith("MKT", StringComparison.Ordinal))
        {
            await WriteAsync(context, status, new { resultCode = code, resultMsg = message });
        }
        else
        {
            await WriteAsync(context, status, new { error_code = code, error_msg = message, request_id = Guid.NewGuid().ToString("N") });
        }

        return true;
    }

    private static Task WriteAsync(HttpContext context, int status, object body)
    {
        context.Response.StatusCode = status;
        return context.Response.WriteAsJsonAsync(body);
    }
}

public static class OpenApiFaultEndpoints
{
    public static void MapOpenApiFaults(this WebApplication app)
    {
        app.Use(async (context, next) =>
        {
            if (OpenApiFaults.IsOpenApi(context.Request.Path)
                && await context.RequestServices.GetRequiredService<OpenApiFaults>().InterceptAsync(context))
            {
                return;
            }

            await next(context);
        });
        app.MapGet("/api/faults", (OpenApiFaults faults) => faults.Settings);
        app.MapPut("/api/faults", (OpenApiFaultSettings settings, OpenApiFaults faults) =>
        {
            if (settings.Validate() is { } problem)
            {
                throw ApiException.BadRequest(problem);
            }

            faults.Settings = settings;
            return Results.Ok(settings);
        });
        app.MapDelete("/api/faults", (OpenApiFaults faults) =>
        {
            faults.Reset();
            return Results.NoContent();
        });
    }
}

using System.Text.Json;
using System.Threading.RateLimiting;
using KooGate.Client.Licensing;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace KooGate.Server.Licensing.Proxy;

/// <summary>The device an online-license call is about.</summary>
public sealed record DeviceRequest(string? DeviceFingerprint);

/// <summary>
/// The license proxy's HTTP surface (docs/licenses.md), for the seller's distributed software:
/// <c>POST /license/v1/codes/{code}/activate|heartbeat</c> and
/// <c>POST /license/v1/online/{instanceId}/devices|heartbeat|devices/release</c>. Every answer is a
/// <see cref="LicenseStatus"/>; the HTTP status follows its state (200 valid/expired/released, 404 unknown, 409 not
/// activated, 403 refused, 503 unavailable, 429 too many calls). Calls are limited per client address (ASP.NET Core's
/// rate limiter) and per code.
/// </summary>
public static class LicenseProxyEndpoints
{
    public const string ClientPolicy = "KooGate.LicenseProxy.Client";

    public static IServiceCollection AddKooGateLicenseProxy(this IServiceCollection services)
    {
        services.AddOptions<LicenseProxyOptions>().BindConfiguration(LicenseProxyOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<LicenseProxyOptions>, Validator>();
        services.AddScoped<LicenseProxy>();
        services.AddSingleton<PerCodeLimiter>();
        services.AddHttpClient(LicenseProxy.HttpClientName)
            .ConfigureHttpClient((sp, c) => c.Timeout = TimeSpan.FromSeconds(sp.GetRequiredService<IOptions<LicenseProxyOptions>>().Value.MarketplaceTimeoutSeconds));
        services.AddRateLimiter(limiter => limiter.AddPolicy<string, ClientLimitPolicy>(ClientPolicy));
        return services;
    }

    public static void MapKooGateLicenseProxy(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/license/v1").RequireRateLimiting(ClientPolicy).DisableAntiforgery();
        group.MapPost("/codes/{code}/activate", (string code, HttpContext context, LicenseProxy proxy, PerCodeLimiter limiter, CancellationToken ct) =>
            AnswerAsync(context, limiter, code, () => proxy.ActivateAsync(code, ct)));
        group.MapPost("/codes/{code}/heartbeat", (string code, HttpContext context, LicenseProxy proxy, PerCodeLimiter limiter, CancellationToken ct) =>
            AnswerAsync(context, limiter, code, () => proxy.HeartbeatAsync(code, ct)));
        group.MapPost("/online/{instanceId}/devices", (string instanceId, DeviceRequest device, HttpContext context, LicenseProxy proxy, PerCodeLimiter limiter, CancellationToken ct) =>
            AnswerAsync(context, limiter, instanceId, () => proxy.RegisterDeviceAsync(instanceId, device.DeviceFingerprint, ct)));
        group.MapPost("/online/{instanceId}/heartbeat", (string instanceId, DeviceRequest device, HttpContext context, LicenseProxy proxy, PerCodeLimiter limiter, CancellationToken ct) =>
            AnswerAsync(context, limiter, instanceId, () => proxy.DeviceHeartbeatAsync(instanceId, device.DeviceFingerprint, ct)));
        group.MapPost("/online/{instanceId}/devices/release", async (string instanceId, DeviceRequest device, LicenseProxy proxy, CancellationToken ct) =>
            await proxy.ReleaseDeviceAsync(instanceId, device.DeviceFingerprint, ct)
                ? Results.NoContent()
                : Results.Problem("send the device fingerprint", statusCode: StatusCodes.Status400BadRequest));
    }

    private static async Task<IResult> AnswerAsync(HttpContext context, PerCodeLimiter limiter, string code, Func<Task<LicenseStatus>> call)
    {
        if (code.Length is 0 or > 64)
        {
            return Results.Json(new LicenseStatus { License = code, State = LicenseStates.Unknown, Message = "a license code has 1 to 64 characters" },
                JsonSerializerOptions.Web, statusCode: StatusCodes.Status404NotFound);
        }

        using var lease = limiter.Acquire(code);
        if (!lease.IsAcquired)
        {
            context.Response.Headers.RetryAfter = "60";
            return Results.Json(new { license = code, state = "tooManyCalls", message = "too many calls for this license; try again in a minute" },
                statusCode: StatusCodes.Status429TooManyRequests);
        }

        var answer = await call();
        return Results.Json(answer, JsonSerializerOptions.Web, statusCode: LicenseHttpStatus.Of(answer.State));
    }

    /// <summary>Per code: a fixed window a minute long, so one leaked code cannot be hammered from many addresses.</summary>
    public sealed class PerCodeLimiter(IOptions<LicenseProxyOptions> options) : IDisposable
    {
        private readonly PartitionedRateLimiter<string> _limiter = PartitionedRateLimiter.Create<string, string>(code =>
            RateLimitPartition.GetFixedWindowLimiter(code, _ => new FixedWindowRateLimiterOptions
            {
                PermitLimit = options.Value.PerCodePerMinute,
                Window = TimeSpan.FromMinutes(1),
                QueueLimit = 0,
            }));

        public RateLimitLease Acquire(string code) => _limiter.AttemptAcquire(code);

        public void Dispose() => _limiter.Dispose();
    }

    /// <summary>Per client address, with its own rejection (the server's default one speaks of dashboard logins).</summary>
    private sealed class ClientLimitPolicy(IOptions<LicenseProxyOptions> options) : IRateLimiterPolicy<string>
    {
        public Func<OnRejectedContext, CancellationToken, ValueTask>? OnRejected { get; } = async (context, cancellationToken) =>
        {
            context.HttpContext.Response.Headers.RetryAfter = "60";
            await context.HttpContext.Response.WriteAsJsonAsync(
                new { state = "tooManyCalls", message = "too many license calls from this address; try again in a minute" }, cancellationToken);
        };

        public RateLimitPartition<string> GetPartition(HttpContext httpContext) => RateLimitPartition.GetFixedWindowLimiter(
            httpContext.Connection.RemoteIpAddress?.ToString() ?? "unknown",
            _ => new FixedWindowRateLimiterOptions { PermitLimit = options.Value.PerClientPerMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 });
    }

    private sealed class Validator : IValidateOptions<LicenseProxyOptions>
    {
        public ValidateOptionsResult Validate(string? name, LicenseProxyOptions options) =>
            options.Problem() is { } problem ? ValidateOptionsResult.Fail(problem) : ValidateOptionsResult.Success;
    }
}

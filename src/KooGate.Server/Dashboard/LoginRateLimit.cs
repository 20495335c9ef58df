using System.Threading.RateLimiting;
using KooGate.Server.Admin;
using KooGate.Server.Configuration;
using Microsoft.Extensions.Options;

namespace KooGate.Server.Dashboard;

/// <summary>
/// Password guessing is slowed per client address: <c>KooGate__Admin__LoginAttemptsPerMinute</c> login posts a
/// minute (default 10), then 429 until the minute is over. Behind a reverse proxy every client has the proxy's
/// address, so the limit then applies to all logins together (docs/configuration.md).
/// </summary>
internal static class LoginRateLimit
{
    public const string Policy = "KooGate.Login";

    public static IServiceCollection AddLoginRateLimit(this IServiceCollection services) => services.AddRateLimiter(limiter =>
    {
        limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
        limiter.AddPolicy(Policy, context => RateLimitPartition.GetFixedWindowLimiter(
            context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
            _ => new FixedWindowRateLimiterOptions
            {
                PermitLimit = Math.Max(1, context.RequestServices.GetRequiredService<IOptions<KooGateOptions>>().Value.Admin.LoginAttemptsPerMinute),
                Window = TimeSpan.FromMinutes(1),
                QueueLimit = 0,
            }));
        limiter.OnRejected = async (context, cancellationToken) =>
        {
            context.HttpContext.RequestServices.GetRequiredService<ILogger<AdminUsers>>()
                .LogWarning("Dashboard login refused: too many attempts from {Address}", context.HttpContext.Connection.RemoteIpAddress);
            context.HttpContext.Response.Headers.RetryAfter = "60";
            await context.HttpContext.Response.WriteAsync("Too many login attempts from this address; try again in a minute.\n", cancellationToken);
        };
    });
}

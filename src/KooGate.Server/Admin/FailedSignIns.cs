using System.Globalization;
using System.Threading.RateLimiting;
using KooGate.Server.Configuration;
using Microsoft.Extensions.Options;

namespace KooGate.Server.Admin;

/// <summary>
/// Credential guessing is cut off per client address: after <c>KooGate__Admin__FailedSignInsPerMinute</c> wrong API
/// keys or dashboard passwords within a minute (default 10), every further attempt from that address — right or wrong —
/// is answered 429 with <c>Retry-After</c>, unchecked, until the minute is over. Correct credentials use none of the
/// budget, so a client that authenticates correctly is never throttled, and other addresses are not affected.
/// Behind a proxy the address is the forwarded client's (<c>KooGate__ForwardedHeaders__*</c>).
/// </summary>
public sealed class FailedSignIns : IDisposable
{
    private readonly PartitionedRateLimiter<string> _limiter;

    public FailedSignIns(IOptions<KooGateOptions> options)
    {
        var limit = Math.Max(1, options.Value.Admin.FailedSignInsPerMinute);
        _limiter = PartitionedRateLimiter.Create<string, string>(client => RateLimitPartition.GetFixedWindowLimiter(client, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = limit,
            Window = TimeSpan.FromMinutes(1),
            QueueLimit = 0,
        }));
    }

    /// <summary>When the client has used up its failures: how long until it may try again; otherwise null.</summary>
    public TimeSpan? RetryAfter(HttpContext context)
    {
        // Zero permits only asks whether the window still has failures left.
        using var lease = _limiter.AttemptAcquire(Client(context), 0);
        return lease.IsAcquired ? null
            : lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter
            : TimeSpan.FromMinutes(1);
    }

    public void RecordFailure(HttpContext context)
    {
        using var lease = _limiter.AttemptAcquire(Client(context));
    }

    /// <summary>Answers 429 with <c>Retry-After</c> in whole seconds.</summary>
    public static Task RefuseAsync(HttpContext context, TimeSpan retryAfter, string what)
    {
        context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        context.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        context.Response.ContentType = "text/plain; charset=utf-8";
        return context.Response.WriteAsync($"Too many failed {what} from this address; try again later.\n", context.RequestAborted);
    }

    public void Dispose() => _limiter.Dispose();

    private static string Client(HttpContext context) => context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
}

using System.Security.Claims;
using System.Security.Cryptography;
using KooGate.Server.Configuration;
using KooGate.Server.Data;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace KooGate.Server.Admin;

/// <summary>A live dashboard session. Its cookie carries <see cref="Id"/>; without this row the cookie opens nothing.</summary>
public sealed class AdminSession
{
    public required string Id { get; set; }

    public required string UserName { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset LastSeenAt { get; set; }
}

/// <summary>
/// Dashboard sessions are kept in the database so that logout ends them on the server: a cookie copied before
/// logout, or after a restart, is refused once its row is gone. A session also ends after
/// <c>KooGate__Admin__SessionMinutes</c> without a request, whatever the cookie says.
/// </summary>
public sealed class AdminSessions(KooGateDbContext db, TimeProvider time, IOptions<KooGateOptions> options)
{
    public const string ClaimType = "sid";

    /// <summary>A request refreshes <see cref="AdminSession.LastSeenAt"/> at most this often (one write a minute, not one per request).</summary>
    private static readonly TimeSpan TouchInterval = TimeSpan.FromMinutes(1);

    private TimeSpan Idle => TimeSpan.FromMinutes(Math.Max(1, options.Value.Admin.SessionMinutes));

    /// <summary>Records a new session for <paramref name="principal"/> and returns it with the session id claim added.</summary>
    public async Task<ClaimsPrincipal> StartAsync(ClaimsPrincipal principal, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var idleSince = now - Idle;
        await db.Set<AdminSession>().Where(s => s.LastSeenAt < idleSince).ExecuteDeleteAsync(cancellationToken);
        var session = new AdminSession
        {
            Id = RandomNumberGenerator.GetHexString(32, lowercase: true),
            UserName = principal.Identity?.Name ?? string.Empty,
            CreatedAt = now,
            LastSeenAt = now,
        };
        db.Add(session);
        await db.SaveChangesAsync(cancellationToken);
        var identity = new ClaimsIdentity(principal.Claims.Append(new Claim(ClaimType, session.Id)), principal.Identity?.AuthenticationType);
        return new ClaimsPrincipal(identity);
    }

    /// <summary>True while the session of <paramref name="principal"/> exists, belongs to its name and was used recently.</summary>
    public async Task<bool> IsLiveAsync(ClaimsPrincipal principal, CancellationToken cancellationToken)
    {
        var id = principal.FindFirst(ClaimType)?.Value;
        if (string.IsNullOrEmpty(id))
        {
            return false;
        }

        var session = await db.Set<AdminSession>().SingleOrDefaultAsync(s => s.Id == id, cancellationToken);
        var now = time.GetUtcNow();
        if (session is null || session.UserName != principal.Identity?.Name || session.LastSeenAt + Idle < now)
        {
            return false;
        }

        if (now - session.LastSeenAt >= TouchInterval)
        {
            session.LastSeenAt = now;
            await db.SaveChangesAsync(cancellationToken);
        }

        return true;
    }

    /// <summary>Ends the session of <paramref name="principal"/>, if it has one.</summary>
    public async Task EndAsync(ClaimsPrincipal? principal, CancellationToken cancellationToken)
    {
        var id = principal?.FindFirst(ClaimType)?.Value;
        if (!string.IsNullOrEmpty(id))
        {
            await db.Set<AdminSession>().Where(s => s.Id == id).ExecuteDeleteAsync(cancellationToken);
        }
    }

    /// <summary>The cookie check on every request: the person is still configured and the session still live.</summary>
    internal static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        var services = context.HttpContext.RequestServices;
        if (context.Principal is not { } principal
            || !services.GetRequiredService<AdminUsers>().Exists(principal.Identity?.Name)
            || !await services.GetRequiredService<AdminSessions>().IsLiveAsync(principal, context.HttpContext.RequestAborted))
        {
            context.RejectPrincipal();
        }
    }
}

internal static class AdminSessionModel
{
    public static void Configure(ModelBuilder modelBuilder) => modelBuilder.Entity<AdminSession>(e =>
    {
        e.ToTable("AdminSessions");
        e.HasKey(x => x.Id);
        e.Property(x => x.Id).HasMaxLength(64);
        e.Property(x => x.UserName).HasMaxLength(256);
        e.HasIndex(x => x.LastSeenAt);
    });
}

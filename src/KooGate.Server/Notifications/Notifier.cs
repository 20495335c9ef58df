using KooGate.Server.Background;
using KooGate.Server.Configuration;
using KooGate.Server.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace KooGate.Server.Notifications;

/// <summary>
/// Looks for incidents every <see cref="NotificationOptions.PollIntervalSeconds"/> and announces each new one once on
/// every configured channel. The check's cursor is advanced by a conditional update before sending, so of several
/// server processes only one announces it; when no channel accepts the message the cursor is put back and the next
/// poll tries again.
/// </summary>
public sealed class Notifier(
    IServiceScopeFactory scopes,
    IEnumerable<IIncidentCheck> checks,
    IHttpClientFactory httpClients,
    IOptions<KooGateOptions> options,
    TimeProvider time,
    ILogger<Notifier> logger) : PeriodicWorker(time, logger)
{
    private NotificationOptions Settings => options.Value.Notifications;

    protected override TimeSpan Interval => TimeSpan.FromSeconds(Math.Max(1, Settings.PollIntervalSeconds));

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (Settings.IsEnabled)
        {
            await base.ExecuteAsync(stoppingToken);
        }
    }

    protected override async Task<bool> RunOnceAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<KooGateDbContext>();
        foreach (var check in checks)
        {
            await RunCheckAsync(db, check, cancellationToken);
        }

        return false;
    }

    private async Task RunCheckAsync(KooGateDbContext db, IIncidentCheck check, CancellationToken cancellationToken)
    {
        var now = Time.GetUtcNow();
        var stored = await db.Set<NotificationCursor>().AsNoTracking().Where(c => c.Check == check.Name).Select(c => c.Position).FirstOrDefaultAsync(cancellationToken);
        var (next, incident) = await check.EvaluateAsync(db, stored, now, cancellationToken);
        if (next == stored || !await MoveAsync(db, check.Name, stored, next, now, cancellationToken))
        {
            return;
        }

        if (incident is not null && !await AnnounceAsync(check.Name, incident, cancellationToken))
        {
            await MoveBackAsync(db, check.Name, stored, next, cancellationToken);
        }
    }

    /// <summary>Claims the incident: true when this process moved the cursor from <paramref name="from"/>.</summary>
    private static async Task<bool> MoveAsync(KooGateDbContext db, string check, string? from, string to, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (from is not null)
        {
            return await db.Set<NotificationCursor>().Where(c => c.Check == check && c.Position == from)
                .ExecuteUpdateAsync(s => s.SetProperty(c => c.Position, to).SetProperty(c => c.UpdatedAt, now), cancellationToken) == 1;
        }

        db.Add(new NotificationCursor { Check = check, Position = to, UpdatedAt = now });
        var saved = await db.TrySaveAsync(cancellationToken);
        db.ChangeTracker.Clear();
        return saved;
    }

    private static async Task MoveBackAsync(KooGateDbContext db, string check, string? from, string to, CancellationToken cancellationToken)
    {
        var mine = db.Set<NotificationCursor>().Where(c => c.Check == check && c.Position == to);
        _ = from is null
            ? await mine.ExecuteDeleteAsync(cancellationToken)
            : await mine.ExecuteUpdateAsync(s => s.SetProperty(c => c.Position, from), cancellationToken);
    }

    /// <summary>True when at least one channel accepted it (retrying then would repeat it on that channel).</summary>
    private async Task<bool> AnnounceAsync(string check, Incident incident, CancellationToken cancellationToken)
    {
        var accepted = false;
        foreach (var channel in Channels())
        {
            try
            {
                await channel.SendAsync(incident, cancellationToken);
                accepted = true;
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                logger.LogWarning("Notification {Check} not sent by {Channel}: {Error}", check, channel.Name, e.Message);
            }
        }

        if (accepted)
        {
            logger.LogInformation("Notification sent: {Subject}", incident.Subject);
        }

        return accepted;
    }

    private IEnumerable<INotificationChannel> Channels()
    {
        if (Settings.Smtp.IsConfigured)
        {
            yield return new SmtpChannel(Settings.Smtp, Settings.DashboardUrl);
        }

        if (Settings.Chat.IsConfigured)
        {
            yield return new ChatChannel(httpClients, Settings.Chat, Settings.DashboardUrl);
        }
    }
}

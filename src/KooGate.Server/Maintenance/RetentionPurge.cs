using KooGate.Server.Configuration;
using KooGate.Server.Data;
using Microsoft.EntityFrameworkCore;

namespace KooGate.Server.Maintenance;

/// <summary>
/// Deletes what <see cref="RetentionOptions"/> no longer keeps: old callback-log entries, the events of long-released
/// instances, delivered outbox messages with their attempts, old delivery attempts and stale debug instances. Each pass deletes set-wise, so it stays cheap.
/// </summary>
internal static class RetentionPurge
{
    public static async Task RunAsync(KooGateDbContext db, RetentionOptions retention, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (Cutoff(retention.CallbackLogDays, now) is { } callbacks)
        {
            await db.CallbackLogs.Where(c => c.ReceivedAt < callbacks).ExecuteDeleteAsync(cancellationToken);
        }

        if (Cutoff(retention.DeliveryAttemptDays, now) is { } attempts)
        {
            await db.OutboxAttempts.Where(a => a.StartedAt < attempts).ExecuteDeleteAsync(cancellationToken);
        }

        if (Cutoff(retention.DeliveredOutboxDays, now) is { } delivered)
        {
            await db.OutboxAttempts
                .Where(a => db.Outbox.Any(m => m.Id == a.MessageId && m.Status == OutboxStatus.Delivered && m.DeliveredAt < delivered))
                .ExecuteDeleteAsync(cancellationToken);
            await db.Outbox.Where(m => m.Status == OutboxStatus.Delivered && m.DeliveredAt < delivered).ExecuteDeleteAsync(cancellationToken);
        }

        if (Cutoff(retention.ReleasedInstanceEventsDays, now) is { } released)
        {
            await db.InstanceEvents
                .Where(e => db.Instances.Any(i => i.InstanceId == e.InstanceId && i.State == InstanceState.Released && i.UpdatedAt < released))
                .ExecuteDeleteAsync(cancellationToken);
        }

        if (Cutoff(retention.DebugInstanceDays, now) is { } debug)
        {
            var stale = db.Instances.Where(i => i.IsTest && i.UpdatedAt < debug).Select(i => i.InstanceId);
            await db.InstanceEvents.Where(e => stale.Contains(e.InstanceId)).ExecuteDeleteAsync(cancellationToken);
            await db.Set<InstancePurchase>().Where(p => stale.Contains(p.InstanceId)).ExecuteDeleteAsync(cancellationToken);
            await db.Instances.Where(i => i.IsTest && i.UpdatedAt < debug).ExecuteDeleteAsync(cancellationToken);
        }
    }

    private static DateTimeOffset? Cutoff(int days, DateTimeOffset now) => days > 0 ? now - TimeSpan.FromDays(days) : null;
}

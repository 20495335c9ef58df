using KooGate.Server.Configuration;
using KooGate.Server.Data;
using KooGate.Server.Maintenance;
using KooGate.Server.Tests.Infrastructure;
using KooGate.Testing.Server;
using Microsoft.EntityFrameworkCore;

namespace KooGate.Server.Tests.Maintenance;

public sealed class RetentionPurgeTests : IDisposable
{
    private readonly KooGateHost _host = new();

    public void Dispose() => _host.Dispose();

    [Fact]
    public async Task Delivery_attempts_go_with_their_purged_delivered_message_and_after_their_own_retention()
    {
        _ = _host.Http;
        var now = _host.Clock.GetUtcNow();
        var (oldDelivered, recentDelivered, dead) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        await using (var db = _host.OpenDb())
        {
            db.Outbox.AddRange(
                Message(oldDelivered, OutboxStatus.Delivered, now.AddDays(-8)),
                Message(recentDelivered, OutboxStatus.Delivered, now.AddDays(-1)),
                Message(dead, OutboxStatus.Dead, null));
            db.OutboxAttempts.AddRange(
                Attempt(oldDelivered, now.AddDays(-8)),
                Attempt(recentDelivered, now.AddDays(-1)),
                Attempt(dead, now.AddDays(-31)),
                Attempt(dead, now.AddDays(-29)));
            await db.SaveChangesAsync();
        }

        await using (var db = _host.OpenDb())
        {
            await RetentionPurge.RunAsync(db, new RetentionOptions { DeliveredOutboxDays = 7, DeliveryAttemptDays = 30 }, now, CancellationToken.None);
        }

        await using var check = _host.OpenDb();
        var left = await check.OutboxAttempts.OrderBy(a => a.Id).Select(a => new { a.MessageId, a.StartedAt }).ToListAsync();
        Assert.Equal([(recentDelivered, 1), (dead, 29)], left.Select(a => (a.MessageId, (int)Math.Round((now - a.StartedAt).TotalDays))).ToList());
        Assert.Equal([recentDelivered, dead], await check.Outbox.OrderBy(m => m.Sequence).Select(m => m.Id).ToListAsync());
    }

    [Fact]
    public async Task Zero_days_keeps_delivery_attempts_forever()
    {
        _ = _host.Http;
        var now = _host.Clock.GetUtcNow();
        var dead = Guid.NewGuid();
        await using (var db = _host.OpenDb())
        {
            db.Outbox.Add(Message(dead, OutboxStatus.Dead, null));
            db.OutboxAttempts.Add(Attempt(dead, now.AddDays(-400)));
            await db.SaveChangesAsync();
        }

        await using (var db = _host.OpenDb())
        {
            await RetentionPurge.RunAsync(db, new RetentionOptions { DeliveryAttemptDays = 0 }, now, CancellationToken.None);
        }

        await using var check = _host.OpenDb();
        Assert.Equal(1, await check.OutboxAttempts.CountAsync());
    }

    private static OutboxMessage Message(Guid id, OutboxStatus status, DateTimeOffset? deliveredAt) => new()
    {
        Id = id,
        Type = "instance.created",
        Payload = "{}",
        Status = status,
        CreatedAt = deliveredAt ?? DateTimeOffset.UnixEpoch,
        DeliveredAt = deliveredAt,
        NextAttemptAt = DateTimeOffset.UnixEpoch,
    };

    private static OutboxAttempt Attempt(Guid messageId, DateTimeOffset at) => new()
    {
        MessageId = messageId,
        Attempt = 1,
        StartedAt = at,
        Outcome = OutboxAttemptOutcome.Retrying,
    };
}

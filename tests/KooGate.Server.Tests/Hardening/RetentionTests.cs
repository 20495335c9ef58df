using KooGate.Server.Data;
using KooGate.Server.Tests.Infrastructure;
using KooGate.Testing.Server;
using Microsoft.EntityFrameworkCore;

namespace KooGate.Server.Tests.Hardening;

/// <summary>The maintenance worker purges what the retention settings no longer keep, and nothing else.</summary>
public sealed class RetentionTests : IDisposable
{
    private readonly KooGateHost _host = new(settings: new Dictionary<string, string?> { ["KooGate:Retention:CallbackLogDays"] = "10" });

    public void Dispose() => _host.Dispose();

    [Fact]
    public async Task Old_callbacks_delivered_messages_released_histories_and_debug_instances_are_purged()
    {
        _ = _host.Http;
        var now = _host.Clock.GetUtcNow();
        await using (var db = _host.OpenDb())
        {
            CallbackLog Call(string id, DateTimeOffset at) => new()
            {
                ReceivedAt = at,
                Family = "saas-v2",
                Method = "POST",
                Path = "/produce",
                ResultCode = "000000",
                Verdict = "v",
                OrderId = id,
            };
            OutboxMessage Message(OutboxStatus status, DateTimeOffset? deliveredAt) => new()
            {
                Id = Guid.NewGuid(),
                Type = "instance.created",
                Payload = "{}",
                CreatedAt = now.AddDays(-30),
                Status = status,
                NextAttemptAt = now,
                DeliveredAt = deliveredAt,
            };
            InstanceRecord Instance(string id, InstanceState state, bool test, DateTimeOffset updated) => new()
            {
                InstanceId = id,
                OrderId = "o-" + id,
                OrderLineId = "l-" + id,
                State = state,
                IsTest = test,
                CreatedAt = updated,
                UpdatedAt = updated,
            };
            InstanceEvent Event(string id) => new() { InstanceId = id, At = now.AddDays(-400), Type = "created" };

            db.CallbackLogs.AddRange(Call("old", now.AddDays(-11)), Call("recent", now.AddDays(-9)));
            db.Outbox.AddRange(Message(OutboxStatus.Delivered, now.AddDays(-8)), Message(OutboxStatus.Delivered, now.AddDays(-1)), Message(OutboxStatus.Dead, null));
            db.Instances.AddRange(
                Instance("released-long-ago", InstanceState.Released, false, now.AddDays(-200)),
                Instance("released-lately", InstanceState.Released, false, now.AddDays(-2)),
                Instance("active", InstanceState.Active, false, now.AddDays(-400)),
                Instance("debug-old", InstanceState.Active, true, now.AddDays(-8)),
                Instance("debug-new", InstanceState.Active, true, now.AddDays(-1)));
            db.InstanceEvents.AddRange(Event("released-long-ago"), Event("released-lately"), Event("active"), Event("debug-old"), Event("debug-new"));
            await db.SaveChangesAsync();
        }

        _host.Clock.Advance(TimeSpan.FromSeconds(61));
        await Eventually.UntilAsync(
            async () =>
            {
                await using var db = _host.OpenDb();
                return !await db.Instances.AnyAsync(i => i.InstanceId == "debug-old");
            },
            "the retention purge",
            tick: () => _host.Clock.Advance(TimeSpan.FromSeconds(1)));

        await using var check = _host.OpenDb();
        Assert.Equal(["recent"], await check.CallbackLogs.Select(c => c.OrderId).ToListAsync());
        Assert.Equal(2, await check.Outbox.CountAsync());
        Assert.False(await check.Outbox.AnyAsync(m => m.Status == OutboxStatus.Delivered && m.DeliveredAt < now.AddDays(-7)));
        Assert.Equal(["active", "debug-new", "released-lately"], (await check.InstanceEvents.Select(e => e.InstanceId).ToListAsync()).Order());
        Assert.Equal(["active", "debug-new", "released-lately", "released-long-ago"], (await check.Instances.Select(i => i.InstanceId).ToListAsync()).Order());
    }
}

using KooGate.Server.Data;
using KooGate.Server.Outbox;
using Microsoft.EntityFrameworkCore;

namespace KooGate.Server.Admin;

/// <summary>Webhook deliveries: list by status, one with its attempt history, and redeliver one (dead or delivered) from scratch.</summary>
public static class OutboxAdminEndpoints
{
    public static void MapOutboxAdmin(this RouteGroupBuilder api)
    {
        api.MapGet("/outbox", ListAsync);
        api.MapGet("/outbox/{id:guid}", GetAsync);
        api.MapPost("/outbox/{id:guid}/redeliver", RedeliverAsync);
    }

    /// <summary>Newest first, paged (<c>skip</c>, <c>take</c>; the total is in <c>X-Total-Count</c>).</summary>
    private static async Task<IResult> ListAsync(
        HttpContext context, KooGateDbContext db, string? status, string? instanceId, string? type, int? skip, int? take, CancellationToken cancellationToken)
    {
        OutboxStatus? parsed = null;
        if (status is not null)
        {
            if (!Enum.TryParse<OutboxStatus>(status, ignoreCase: true, out var value))
            {
                return Results.Problem(statusCode: 400, title: "unknown status", detail: $"status must be one of {string.Join(", ", Enum.GetNames<OutboxStatus>())}");
            }

            parsed = value;
        }

        var page = await Paging.PageAsync(new OutboxFilter(parsed, instanceId, type).Apply(db), skip, AdminApi.Take(take), cancellationToken);
        return Paging.Array(context, page, OutboxView.From);
    }

    /// <summary>Most attempts a delivery's history shows (the newest).</summary>
    internal const int HistoryLength = 100;

    /// <summary>One delivery with its attempts, newest first.</summary>
    private static async Task<IResult> GetAsync(Guid id, KooGateDbContext db, CancellationToken cancellationToken) =>
        await WithHistoryAsync(id, db, cancellationToken) is { } view ? Results.Ok(view) : NotFound(id);

    /// <summary>Shared with the dashboard's delivery page; null when there is no such message.</summary>
    internal static async Task<OutboxView?> WithHistoryAsync(Guid id, KooGateDbContext db, CancellationToken cancellationToken)
    {
        if (await db.Outbox.AsNoTracking().FirstOrDefaultAsync(m => m.Id == id, cancellationToken) is not { } message)
        {
            return null;
        }

        var attempts = await db.OutboxAttempts.AsNoTracking().Where(a => a.MessageId == id)
            .OrderByDescending(a => a.Id).Take(HistoryLength).ToListAsync(cancellationToken);
        return OutboxView.From(message) with { History = attempts.Select(OutboxAttemptView.From).ToList() };
    }

    /// <summary>Puts the message back in the queue with a fresh attempt budget; the dispatcher is woken at once.</summary>
    private static async Task<IResult> RedeliverAsync(Guid id, KooGateDbContext db, OutboxDispatcher dispatcher, TimeProvider time, CancellationToken cancellationToken)
    {
        if (!await RequeueAsync(id, db, dispatcher, time, cancellationToken))
        {
            return NotFound(id);
        }

        var message = await db.Outbox.AsNoTracking().FirstAsync(m => m.Id == id, cancellationToken);
        return Results.Accepted($"{AdminApi.Prefix}/outbox/{id}", OutboxView.From(message));
    }

    /// <summary>Shared with the dashboard's redeliver button; false when there is no such message.</summary>
    internal static async Task<bool> RequeueAsync(Guid id, KooGateDbContext db, OutboxDispatcher dispatcher, TimeProvider time, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var updated = await db.Outbox.Where(m => m.Id == id).ExecuteUpdateAsync(s => s
            .SetProperty(m => m.Status, OutboxStatus.Pending)
            .SetProperty(m => m.Attempts, 0)
            .SetProperty(m => m.NextAttemptAt, now)
            .SetProperty(m => m.LockedUntil, (DateTimeOffset?)null)
            .SetProperty(m => m.DeliveredAt, (DateTimeOffset?)null), cancellationToken);
        if (updated > 0)
        {
            dispatcher.Wake();
        }

        return updated > 0;
    }

    private static IResult NotFound(Guid id) => Results.Problem(statusCode: 404, title: "unknown outbox message", detail: $"no outbox message {id}");
}

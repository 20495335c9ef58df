using KooGate.Server.Admin;
using KooGate.Server.Dashboard.Components;
using KooGate.Server.Data;
using KooGate.Server.Outbox;
using Microsoft.EntityFrameworkCore;

namespace KooGate.Server.Dashboard;

/// <summary>Webhook deliveries: the list, one delivery with its payload and attempts, redeliver one or every dead one.</summary>
internal static class DashboardOutbox
{
    public static void MapDashboardOutbox(this RouteGroupBuilder pages)
    {
        pages.MapGet("/outbox", ListAsync);
        pages.MapGet("/outbox/{id:guid}", GetAsync);
        pages.MapPost("/outbox/{id:guid}/redeliver", RedeliverAsync);
        pages.MapPost("/outbox/redeliver-dead", RedeliverDeadAsync);
    }

    private static async Task<IResult> ListAsync(
        KooGateDbContext db, string? status, string? instanceId, string? type, string? notice, int? skip, CancellationToken cancellationToken)
    {
        var filter = new OutboxFilter(Enum.TryParse<OutboxStatus>(status, ignoreCase: true, out var s) ? s : null, DashboardEndpoints.Blank(instanceId), DashboardEndpoints.Blank(type));
        var page = await Paging.PageAsync(filter.Apply(db), skip, DashboardEndpoints.PageSize, cancellationToken);
        var dead = await db.Outbox.CountAsync(m => m.Status == OutboxStatus.Dead, cancellationToken);
        var pager = new Pager("/dashboard/outbox", new Dictionary<string, string?>
        {
            ["status"] = filter.Status?.ToString(),
            ["instanceId"] = filter.InstanceId,
            ["type"] = filter.Type,
        }, page.Skip, page.Take, page.Total, page.Items.Count);
        return DashboardEndpoints.Page<OutboxPage>(new OutboxModel(page.Items.Select(OutboxView.From).ToList(), filter, pager, dead, notice));
    }

    private static async Task<IResult> GetAsync(Guid id, string? notice, KooGateDbContext db, CancellationToken cancellationToken) =>
        await OutboxAdminEndpoints.WithHistoryAsync(id, db, cancellationToken) is { } message
            ? DashboardEndpoints.Page<DeliveryPage>(new DeliveryModel(message, notice))
            : DashboardEndpoints.NotFound("delivery", id.ToString());

    private static async Task<IResult> RedeliverAsync(Guid id, string? back, KooGateDbContext db, OutboxDispatcher dispatcher, TimeProvider time, CancellationToken cancellationToken) =>
        await OutboxAdminEndpoints.RequeueAsync(id, db, dispatcher, time, cancellationToken)
            ? Results.Redirect(back == "delivery" ? $"/dashboard/outbox/{id}?notice=requeued" : $"/dashboard/outbox?notice=requeued-{id}")
            : DashboardEndpoints.NotFound("delivery", id.ToString());

    private static async Task<IResult> RedeliverDeadAsync(KooGateDbContext db, OutboxDispatcher dispatcher, TimeProvider time, CancellationToken cancellationToken)
    {
        var ids = await db.Outbox.Where(m => m.Status == OutboxStatus.Dead).Select(m => m.Id).ToListAsync(cancellationToken);
        foreach (var id in ids)
        {
            await OutboxAdminEndpoints.RequeueAsync(id, db, dispatcher, time, cancellationToken);
        }

        return Results.Redirect($"/dashboard/outbox?notice=requeued-{ids.Count}-dead");
    }
}

public sealed record DeliveryModel(OutboxView Message, string? Notice);

using KooGate.Emulator.Clock;
using KooGate.Emulator.Data;
using KooGate.Emulator.Delivery;
using Microsoft.EntityFrameworkCore;

namespace KooGate.Emulator.Api;

/// <summary>Resources (instances), the calls log with manual restart, and the virtual clock.</summary>
public static class ResourceEndpoints
{
    public static void MapResources(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/instances", async (string? customerId, EmulatorDb db, CancellationToken ct) =>
        {
            var query = customerId is null ? db.Resources : db.Resources.Where(r => r.CustomerId == customerId);
            return (await query.ToListAsync(ct)).OrderBy(r => r.CreatedAt).Select(r => Views.Resource(r));
        });
        app.MapGet("/api/instances/{id}", async (string id, EmulatorDb db, CancellationToken ct) =>
        {
            var resource = await db.Resources.SingleOrDefaultAsync(r => r.ResourceId == id || r.InstanceId == id, ct)
                ?? throw ApiException.NotFound($"instance {id}");
            var usage = await db.UsageRecords.Where(u => u.ResourceId == resource.ResourceId).OrderBy(u => u.Id).ToListAsync(ct);
            return Views.Resource(resource, usage);
        });

        app.MapPost("/api/instances/{id}/freeze", (string id, Scheduler scheduler, EmulatorDb db, CancellationToken ct) =>
            SetFrozenAsync(id, freeze: true, scheduler, db, ct));
        app.MapPost("/api/instances/{id}/unfreeze", (string id, Scheduler scheduler, EmulatorDb db, CancellationToken ct) =>
            SetFrozenAsync(id, freeze: false, scheduler, db, ct));

        var calls = app.MapGroup("/api/calls");
        calls.MapGet("/", async (string? resourceId, string? orderId, EmulatorDb db, CancellationToken ct) =>
        {
            var query = db.Deliveries.Include(d => d.Calls).AsQueryable();
            query = resourceId is null ? query : query.Where(d => d.ResourceId == resourceId);
            query = orderId is null ? query : query.Where(d => d.OrderId == orderId);
            return (await query.OrderBy(d => d.Id).ToListAsync(ct)).Select(d => Views.Delivery(d, withCalls: true));
        });
        calls.MapGet("/{id:long}", async (long id, EmulatorDb db, CancellationToken ct) =>
            Views.Delivery(await FindAsync(db, id, ct), withCalls: true));
        calls.MapPost("/{id:long}/restart", async (long id, Scheduler scheduler, EmulatorDb db, CancellationToken ct) =>
        {
            await RestartAsync(id, scheduler, ct);
            return Views.Delivery(await FindAsync(db, id, ct), withCalls: true);
        });

        // The calls due now (an order's first attempts run after its answer): answers once they are made.
        calls.MapPost("/run-due", async (Scheduler scheduler, VirtualClock clock, CancellationToken ct) =>
        {
            await scheduler.RunDueAsync(ct);
            return new { Now = clock.GetUtcNow(), clock.Offset };
        });

        app.MapGet("/api/clock", (VirtualClock clock) => new { Now = clock.GetUtcNow(), clock.Offset });
        app.MapPost("/api/clock/advance", async (AdvanceRequest request, Scheduler scheduler, VirtualClock clock, CancellationToken ct) =>
        {
            await scheduler.AdvanceAsync(AdvanceBy(request), ct);
            return new { Now = clock.GetUtcNow(), clock.Offset };
        });
    }

    internal static TimeSpan AdvanceBy(AdvanceRequest request)
    {
        var by = TimeSpan.FromSeconds(request.Seconds ?? 0) + TimeSpan.FromHours(request.Hours ?? 0) + TimeSpan.FromDays(request.Days ?? 0);
        return by <= TimeSpan.Zero || by > TimeSpan.FromDays(3660)
            ? throw ApiException.BadRequest("advance by a positive amount of seconds, hours or days (at most ten years)")
            : by;
    }

    /// <summary>
    /// Freezes an active resource (arrears of an on-demand instance, or a violation) or thaws a frozen one; a frozen
    /// resource is released when the freeze period ends, as after expiry.
    /// </summary>
    internal static async Task<object> SetFrozenAsync(string id, bool freeze, Scheduler scheduler, EmulatorDb db, CancellationToken ct)
    {
        await scheduler.ExclusiveAsync(async services =>
        {
            var scoped = services.GetRequiredService<EmulatorDb>();
            var now = services.GetRequiredService<VirtualClock>().GetUtcNow();
            var options = services.GetRequiredService<Microsoft.Extensions.Options.IOptions<EmulatorOptions>>().Value;
            var resource = await scoped.Resources.SingleOrDefaultAsync(r => r.ResourceId == id, ct) ?? throw ApiException.NotFound($"instance {id}");
            var product = await scoped.Products.SingleAsync(p => p.ProductId == resource.ProductId, ct);
            if (resource.State != (freeze ? ResourceState.Active : ResourceState.Frozen))
            {
                throw ApiException.Conflict($"instance {id} is {resource.State}");
            }

            if (!freeze && resource.ExpireTime is { } expire && expire <= now)
            {
                throw ApiException.Conflict("the instance has expired; renew it to unfreeze");
            }

            resource.State = freeze ? ResourceState.Frozen : ResourceState.Active;
            resource.FrozenAt = freeze ? now : null;
            resource.ReleaseDueAt = freeze ? now.AddDays(product.FreezeDays ?? options.FreezePeriodDays) : null;
            if (DeliveryPlanner.Status(product, resource, freeze, now) is { } delivery)
            {
                scoped.Deliveries.Add(delivery);
            }

            return await scoped.SaveChangesAsync(ct);
        }, ct);
        return Views.Resource(await db.Resources.SingleAsync(r => r.ResourceId == id, ct));
    }

    /// <summary>重新启动: re-arms a failed call's schedule from now (a purchase already failed and refunded stays failed).</summary>
    internal static Task<int> RestartAsync(long id, Scheduler scheduler, CancellationToken ct) =>
        scheduler.ExclusiveAsync(services => RestartAsync(services.GetRequiredService<EmulatorDb>(), services.GetRequiredService<VirtualClock>(), id, ct), ct);

    private static async Task<int> RestartAsync(EmulatorDb db, VirtualClock clock, long id, CancellationToken ct)
    {
        var delivery = await FindAsync(db, id, ct);
        if (delivery.State != DeliveryState.Failed)
        {
            throw ApiException.Conflict($"call {id} is {delivery.State}; only a failed call can be restarted");
        }

        if (delivery.Activity == Protocol.Messages.Activities.ChangeInstanceCheck)
        {
            throw ApiException.Conflict($"call {id} refused its renewal change when the order was placed; place the renewal again");
        }

        if (delivery.FailsOrder && delivery.OrderId is { } orderId
            && await db.Orders.AnyAsync(o => o.OrderId == orderId && o.Status == OrderStatus.Failed, ct))
        {
            throw ApiException.Conflict($"order {orderId} already failed and was refunded");
        }

        var resource = await db.Resources.SingleAsync(r => r.ResourceId == delivery.ResourceId, ct);
        var now = clock.GetUtcNow();
        var schedule = RetrySchedule.For(delivery.Version, delivery.Activity, delivery.Kit);
        delivery.State = delivery.Activity == Protocol.Messages.Activities.NewInstance && resource.InstanceId is not null
            ? DeliveryState.Polling
            : DeliveryState.Pending;
        delivery.NextAttemptAt = now;
        delivery.DeadlineAt = now + schedule.Window;
        delivery.CompletedAt = null;
        return await db.SaveChangesAsync(ct);
    }

    private static async Task<DeliveryJob> FindAsync(EmulatorDb db, long id, CancellationToken ct) =>
        await db.Deliveries.Include(d => d.Calls).SingleOrDefaultAsync(d => d.Id == id, ct) ?? throw ApiException.NotFound($"call {id}");
}

public sealed record AdvanceRequest(double? Seconds, double? Hours, double? Days);

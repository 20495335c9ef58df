using KooGate.Emulator.Api;
using KooGate.Emulator.Data;
using KooGate.Emulator.Delivery;
using Microsoft.EntityFrameworkCore;

namespace KooGate.Emulator.Orders;

/// <summary>Orders of every type, refunds and the settlement summary. An order is answered first; its calls to the seller follow in the background.</summary>
public static class OrderEndpoints
{
    public static void MapOrders(this IEndpointRouteBuilder app)
    {
        var orders = app.MapGroup("/api/orders");
        orders.MapGet("/", async (string? resourceId, string? customerId, EmulatorDb db, CancellationToken ct) =>
        {
            var query = db.Orders.Include(o => o.Lines).AsQueryable();
            query = resourceId is null ? query : query.Where(o => o.ResourceId == resourceId);
            query = customerId is null ? query : query.Where(o => o.CustomerId == customerId);
            return (await query.ToListAsync(ct)).OrderBy(o => o.CreateTime).Select(Views.Order);
        });
        orders.MapGet("/{id}", async (string id, EmulatorDb db, CancellationToken ct) => Views.Order(await FindAsync(db, id, ct)));
        orders.MapPost("/", (PlaceOrderRequest request, HttpResponse response, Scheduler scheduler, EmulatorDb db, CancellationToken ct) =>
            AnswerAsync(response, scheduler, db, services => services.GetRequiredService<OrderService>().PlaceAsync(request, ct), ct));
        orders.MapPost("/{id}/refund", (string id, HttpResponse response, Scheduler scheduler, EmulatorDb db, CancellationToken ct) =>
            AnswerAsync(response, scheduler, db, services => services.GetRequiredService<OrderService>().RefundAsync(id, ct), ct));

        app.MapGet("/api/settlement", async (EmulatorDb db, CancellationToken ct) => Page.SettlementSummary.Of(
            await db.Orders.ToListAsync(ct), await db.UsageRecords.ToListAsync(ct)));
    }

    /// <summary>Records the order and answers the buyer; the order's calls to the seller are made after the answer.</summary>
    private static async Task<IResult> AnswerAsync(
        HttpResponse response, Scheduler scheduler, EmulatorDb db, Func<IServiceProvider, Task<Order>> place, CancellationToken ct)
    {
        var orderId = await scheduler.RecordAsync(async services => (await place(services)).OrderId, ct);
        scheduler.RunDueAfterAnswer(response);
        return Results.Created($"/api/orders/{orderId}", Views.Order(await FindAsync(db, orderId, ct)));
    }

    private static async Task<Order> FindAsync(EmulatorDb db, string id, CancellationToken ct) =>
        await db.Orders.Include(o => o.Lines).SingleOrDefaultAsync(o => o.OrderId == id, ct) ?? throw ApiException.NotFound($"order {id}");
}

using KooGate.Protocol.Messages;
using KooGate.Protocol.Validation;
using KooGate.Server.Configuration;
using KooGate.Server.Data;
using KooGate.Server.Provisioning;
using Microsoft.EntityFrameworkCore;

namespace KooGate.Server.Produce.OrderNotify;

/// <summary>
/// <c>orderNotify</c> (license-order-openapi.md §D.1), verified with the key bound to 通用接口: records the order line
/// as a Pending <see cref="OrderDetails"/> row for the background 查询订单 fetcher and hands it off as
/// <c>order.notified</c>. Repeats (the marketplace keeps calling for 3 h) succeed without a second row or event; debug
/// probes are answered and stored nowhere.
/// </summary>
public sealed class OrderNotifyHandler(KooGateDbContext db, OutboxWriter outbox) : IActivityHandler
{
    public string Activity => Activities.OrderNotify;

    public InterfaceType KeyType => InterfaceType.General;

    public async Task<ProduceResult> HandleAsync(ProduceCall call, CancellationToken cancellationToken)
    {
        if (!ProduceRequestParser.TryParse<OrderNotifyRequest>(call.Fields.Root, out var r, out var error))
        {
            return new ProduceResult(error.ToResultCode());
        }

        var result = ProduceResult.Success() with { OrderId = r.OrderId };
        if (call.IsTest || await db.Orders.AsNoTracking().AnyAsync(o => o.OrderId == r.OrderId && o.OrderLineId == r.OrderLineId, cancellationToken))
        {
            return result;
        }

        db.Orders.Add(new OrderDetails { OrderId = r.OrderId, OrderLineId = r.OrderLineId, Status = OrderFetchStatus.Pending, NextAttemptAt = call.Now });
        outbox.Add(db, "order.notified", null, new { orderId = r.OrderId, orderLineId = r.OrderLineId }, call.Now);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (DatabaseErrors.IsUniqueViolation(e))
        {
            // A concurrent duplicate recorded it first.
            db.ChangeTracker.Clear();
        }

        return result;
    }
}

using KooGate.Client.Events;
using KooGate.Protocol.Messages;
using KooGate.Server.Data;
using KooGate.Server.Outbox;
using Microsoft.EntityFrameworkCore;

namespace KooGate.Server.Produce.OrderNotify;

/// <summary>
/// <c>orderNotify</c> (license-order-openapi.md §D.1), verified with the key bound to 通用接口: records the order line
/// for the background 查询订单 fetcher (linked to its instance when the create came first) and hands it off as
/// <c>order.notified</c>. It may arrive before or after the call that applies the order (newInstance,
/// upgradeInstance…): whichever comes second finds the row and merges into it, so either order leaves one instance
/// and applies the order once. Repeats (the marketplace keeps calling for 3 h) succeed without a second row or
/// event; debug probes are answered and stored nowhere.
/// </summary>
public sealed class OrderNotifyHandler(KooGateDbContext db, OutboxWriter outbox) : IActivityHandler<OrderNotifyRequest>
{
    public async Task<ProduceResult> HandleAsync(ProduceCall<OrderNotifyRequest> call, CancellationToken cancellationToken)
    {
        var r = call.Request;
        var result = ProduceResult.Success() with { OrderId = r.OrderId };
        if (call.IsTest || await db.Orders.AsNoTracking().AnyAsync(o => o.OrderId == r.OrderId && o.OrderLineId == r.OrderLineId, cancellationToken))
        {
            return result;
        }

        // A create that came first has no row only if it predates the order ledger; link it all the same.
        var instanceId = await db.Instances.AsNoTracking()
            .Where(i => i.OrderId == r.OrderId && i.OrderLineId == r.OrderLineId && !i.IsTest)
            .Select(i => i.InstanceId).FirstOrDefaultAsync(cancellationToken);
        db.Orders.Add(new OrderDetails { OrderId = r.OrderId, OrderLineId = r.OrderLineId, InstanceId = instanceId, Status = OrderFetchStatus.Pending, NextAttemptAt = call.Now });
        outbox.Add(db, EventTypes.OrderNotified, null, new OrderNotified { OrderId = r.OrderId, OrderLineId = r.OrderLineId }, call.Now);
        // False: the call that applies the order, or a concurrent duplicate, recorded it first.
        await db.TrySaveAsync(cancellationToken);

        return result;
    }
}

using KooGate.Emulator.Clock;
using KooGate.Emulator.Data;
using KooGate.Emulator.Delivery;
using KooGate.Protocol.Messages;
using Microsoft.EntityFrameworkCore;

namespace KooGate.Emulator.Orders;

/// <summary>
/// The buyer's side of the marketplace: each order changes the marketplace's own records at once (it is the source of
/// truth for expiry) and queues the production-interface calls that tell the seller. Each order type has its own class.
/// </summary>
public sealed class OrderService(
    EmulatorDb db,
    VirtualClock clock,
    OrderLookups find,
    NewPurchaseOrders purchases,
    RenewalOrders renewals,
    UpgradeOrders upgrades,
    UnsubscribeOrders unsubscribes,
    RenewalRefunds renewalRefunds)
{
    public async Task<Order> PlaceAsync(PlaceOrderRequest request, CancellationToken cancellationToken)
    {
        var order = request.Type switch
        {
            OrderTypes.New => await purchases.BuyAsync(request, trial: false, cancellationToken),
            OrderTypes.Trial => await purchases.BuyAsync(request, trial: true, cancellationToken),
            OrderTypes.Renew => await renewals.RenewAsync(request, trialToFormal: false, cancellationToken),
            OrderTypes.TrialToFormal => await renewals.RenewAsync(request, trialToFormal: true, cancellationToken),
            OrderTypes.Change => await upgrades.UpgradeAsync(request, cancellationToken),
            OrderTypes.Unsubscribe => await unsubscribes.UnsubscribeAsync(
                OrderLookups.Required(request.ResourceId, "resourceId"), noReasonOnly: false, cancellationToken),
            _ => throw ApiException.BadRequest("type must be NEW, TRIAL, RENEW, TRIAL_TO_FORMAL, CHANGE or UNSUBSCRIBE"),
        };
        await NotifyAsync(order, cancellationToken, request.OrderNotifyFirst);
        await db.SaveChangesAsync(cancellationToken);
        return order;
    }

    /// <summary>
    /// A refund the buyer asks for: a new purchase within the no-reason window (subject to the yearly quota) is
    /// unsubscribed with everything refunded; a renewal whose period has not begun is refunded (退续费).
    /// </summary>
    public async Task<Order> RefundAsync(string orderId, CancellationToken cancellationToken)
    {
        var order = await db.Orders.Include(o => o.Lines).SingleOrDefaultAsync(o => o.OrderId == orderId, cancellationToken)
            ?? throw ApiException.NotFound($"order {orderId}");
        var refund = order.OrderType switch
        {
            OrderTypes.New => await unsubscribes.UnsubscribeAsync(order.ResourceId, noReasonOnly: true, cancellationToken),
            OrderTypes.Renew => await renewalRefunds.RefundAsync(order, cancellationToken),
            _ => throw ApiException.Conflict($"a {order.OrderType} order cannot be refunded on its own; unsubscribe the resource"),
        };
        await NotifyAsync(refund, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return refund;
    }

    /// <summary>Every paid (or refunded) order is announced to the product's order-notification address, if any (§D.1).</summary>
    private async Task NotifyAsync(Order order, CancellationToken cancellationToken, bool? first = null)
    {
        var product = await find.ProductAsync(order.ProductId, cancellationToken);
        db.Queue(DeliveryPlanner.OrderNotify(product, order, clock.GetUtcNow(), first ?? product.OrderNotifyFirst));
    }
}

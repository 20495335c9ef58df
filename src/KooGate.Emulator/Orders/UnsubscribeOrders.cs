using KooGate.Emulator.Catalog.Listing;
using KooGate.Emulator.Clock;
using KooGate.Emulator.Data;
using KooGate.Emulator.Delivery;
using KooGate.Protocol.Messages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace KooGate.Emulator.Orders;

/// <summary>
/// UNSUBSCRIBE orders and the no-reason refund: within the no-reason window (and the yearly quota) a new purchase is
/// refunded in full and its stock returned; otherwise the unused part of the time is refunded. Either way the resource
/// is released at once.
/// </summary>
public sealed class UnsubscribeOrders(EmulatorDb db, VirtualClock clock, OrderLookups find, ListingGuard listing, IOptions<EmulatorOptions> options)
{
    private EmulatorOptions Options => options.Value;

    /// <param name="noReasonOnly">The buyer asked for a no-reason refund: refuse unless the purchase still has one.</param>
    public async Task<Order> UnsubscribeAsync(string resourceId, bool noReasonOnly, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var resource = await find.ResourceAsync(resourceId, cancellationToken);
        OrderLookups.RequireState(resource, ResourceState.Active, ResourceState.Frozen);
        var product = await find.ProductAsync(resource.ProductId, cancellationToken);
        var buyer = await find.BuyerAsync(resource.CustomerId, cancellationToken);
        var paid = await db.Orders.Include(o => o.Lines)
            .Where(o => o.ResourceId == resourceId && o.OrderType != OrderTypes.Unsubscribe && o.Status != OrderStatus.Failed)
            .ToListAsync(cancellationToken);
        var purchase = paid.Single(o => o.OrderId == resource.OrderId);
        var noReason = await NoReasonRefundBlockerAsync(purchase, now, cancellationToken);
        if (noReasonOnly && noReason is not null)
        {
            throw ApiException.Conflict(noReason);
        }

        if (noReason is null)
        {
            await listing.ReturnStockAsync(purchase, cancellationToken);
        }

        var reason = noReason is null ? RefundReason.NoReason : RefundReason.Unsubscribe;
        var unsubscribe = OrderRecords.NewOrder(OrderTypes.Unsubscribe, buyer, product, resource, 0m, find.FeeRate(product), resource.Test, now);
        unsubscribe.RefundsOrderId = purchase.OrderId;
        var total = 0m;
        foreach (var order in paid.OrderByDescending(o => o.CreateTime))
        {
            var net = order.Amount - order.RefundedAmount;
            var share = noReason is null ? net : Settlement.Round(net * UnusedFraction(resource, product, now));
            if (share > 0)
            {
                OrderRecords.Refund(order, share, reason, now);
                total += share;
            }
        }

        unsubscribe.Amount = -total;
        unsubscribe.Lines[0].Amount = -total;
        unsubscribe.Status = OrderStatus.Completed;
        unsubscribe.RefundReason = reason;
        db.Orders.Add(unsubscribe);

        // Unsubscribing releases at once; the release names the unsubscribe order (saas-v2.md §3.5).
        resource.State = ResourceState.Released;
        resource.ReleasedAt = now;
        db.Queue(DeliveryPlanner.Release(product, resource, unsubscribe, now));
        return unsubscribe;
    }

    /// <summary>Null when the purchase may still be refunded without a reason; otherwise why not.</summary>
    private async Task<string?> NoReasonRefundBlockerAsync(Order purchase, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (purchase.OrderType != OrderTypes.New || purchase.Amount <= 0)
        {
            return "only a paid new purchase has the no-reason refund";
        }

        if (now - purchase.CreateTime > TimeSpan.FromDays(Options.NoReasonRefundDays))
        {
            return $"the {Options.NoReasonRefundDays}-day no-reason refund window has passed";
        }

        var refunds = await db.Orders
            .Where(o => o.CustomerId == purchase.CustomerId && o.RefundReason == RefundReason.NoReason && o.OrderType == OrderTypes.Unsubscribe)
            .Select(o => o.CreateTime)
            .ToListAsync(cancellationToken);
        return refunds.Count(t => t.UtcDateTime.Year == now.UtcDateTime.Year) >= Options.NoReasonRefundsPerYear
            ? $"the account has used its {Options.NoReasonRefundsPerYear} no-reason refunds for {now.UtcDateTime.Year}"
            : null;
    }

    /// <summary>The part of the subscribed time not yet used; one-time and on-demand purchases have none left to refund.</summary>
    private static decimal UnusedFraction(Resource resource, Product product, DateTimeOffset now)
    {
        if (product.ChargingMode is not (ChargingModes.Period or ChargingModes.OnDemandPackage) || resource.ExpireTime is not { } expire || expire <= now)
        {
            return 0m;
        }

        var total = (expire - resource.CreatedAt).TotalSeconds;
        return total <= 0 ? 0m : (decimal)((expire - now).TotalSeconds / total);
    }
}

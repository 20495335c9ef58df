using KooGate.Emulator.Catalog.Listing;
using KooGate.Emulator.Clock;
using KooGate.Emulator.Data;
using KooGate.Emulator.Delivery;
using KooGate.Protocol.Messages;

namespace KooGate.Emulator.Orders;

/// <summary>CHANGE orders (upgrades): the buyer pays the price difference for what is left of the period.</summary>
public sealed class UpgradeOrders(EmulatorDb db, VirtualClock clock, OrderLookups find, ListingGuard listing)
{
    public async Task<Order> UpgradeAsync(PlaceOrderRequest request, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var resource = await find.ResourceAsync(OrderLookups.Required(request.ResourceId, "resourceId"), cancellationToken);
        OrderLookups.RequireState(resource, ResourceState.Active);
        var current = await find.ProductAsync(resource.ProductId, cancellationToken);
        var target = await find.ProductAsync(OrderLookups.Required(request.ProductId, "productId"), cancellationToken);
        if (target.InterfaceVersion != current.InterfaceVersion || target.ProductionUrl != current.ProductionUrl)
        {
            throw ApiException.Conflict("an upgrade stays on the same production address and interface version");
        }

        if (current.InterfaceVersion is InterfaceVersion.LicenseCode or InterfaceVersion.LicenseLegacy or InterfaceVersion.OnlineLicense)
        {
            throw ApiException.Conflict("License products have no upgrade interface");
        }

        var buyer = await find.BuyerAsync(resource.CustomerId, cancellationToken);
        await listing.AdmitChangeAsync(target, resource, buyer, trialToFormal: false, request.PaymentMethod, cancellationToken);

        var amount = PriceDifference(resource, current, target, request.LinearValue, now);
        var order = OrderRecords.NewOrder(OrderTypes.Change, buyer, target, resource, amount, find.FeeRate(target), resource.Test, now);
        order.PaymentMethod = request.PaymentMethod;
        var line = order.Lines[0];
        line.LinearValue = request.LinearValue ?? resource.LinearValue;
        line.ExpireTime = resource.ExpireTime;
        db.Orders.Add(order);
        if (DeliveryPlanner.Upgrade(target, resource, order, now) is { } delivery)
        {
            db.Deliveries.Add(delivery);
        }
        else
        {
            resource.ProductId = target.ProductId;
            order.Status = OrderStatus.Completed;
        }

        return order;
    }

    /// <summary>The difference in price for the remaining part of the current period (never negative).</summary>
    private static decimal PriceDifference(Resource resource, Product current, Product target, decimal? linearValue, DateTimeOffset now)
    {
        var remaining = resource.ExpireTime is { } expire && expire > now
            ? (decimal)((expire - now).TotalDays / (expire - BillingPeriods.Add(expire, current.PeriodType ?? "month", -1)).TotalDays)
            : 1m;
        var difference = (target.Price * (linearValue ?? resource.LinearValue ?? 1m)) - (current.Price * (resource.LinearValue ?? 1m));
        return Settlement.Round(Math.Max(0m, difference * Math.Min(1m, remaining)));
    }
}

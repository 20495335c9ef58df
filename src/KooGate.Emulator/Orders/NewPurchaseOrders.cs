using System.Security.Cryptography;
using KooGate.Emulator.Catalog.Listing;
using KooGate.Emulator.Clock;
using KooGate.Emulator.Data;
using KooGate.Emulator.Delivery;
using KooGate.Protocol.Messages;

namespace KooGate.Emulator.Orders;

/// <summary>NEW and TRIAL orders: a new resource, priced by the product's charging mode, and the create call.</summary>
public sealed class NewPurchaseOrders(EmulatorDb db, VirtualClock clock, OrderLookups find, ListingGuard listing)
{
    private const string LicenseCodeAlphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    public async Task<Order> BuyAsync(PlaceOrderRequest request, bool trial, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var buyer = await find.BuyerAsync(OrderLookups.Required(request.CustomerId, "customerId"), cancellationToken);
        var product = await find.ProductAsync(OrderLookups.Required(request.ProductId, "productId"), cancellationToken);
        if (trial && product.TrialDays <= 0)
        {
            throw ApiException.Conflict($"product {product.ProductId} offers no trial");
        }

        await listing.AdmitPurchaseAsync(product, buyer, trial, request.PaymentMethod, cancellationToken);

        var (amount, expire, periodType, periodNumber) = Terms(product, request, trial, now);
        var resource = new Resource
        {
            ResourceId = "res-" + Guid.NewGuid().ToString("N")[..16],
            ProductId = product.ProductId,
            CustomerId = buyer.CustomerId,
            State = ResourceState.Pending,
            Trial = trial,
            Test = request.Test,
            LinearValue = request.LinearValue,
            CreatedAt = now,
            ExpireTime = expire,
        };
        var order = OrderRecords.NewOrder(
            trial ? OrderTypes.Trial : OrderTypes.New, buyer, product, resource, Settlement.Round(amount), find.FeeRate(product), request.Test, now);
        order.PaymentMethod = request.PaymentMethod;
        var line = order.Lines[0];
        line.PeriodType = periodType;
        line.PeriodNumber = periodNumber;
        line.ExpireTime = expire;
        line.LinearValue = request.LinearValue;
        resource.OrderId = order.OrderId;
        resource.OrderLineId = line.OrderLineId;
        db.Resources.Add(resource);
        db.Orders.Add(order);

        if (product.InterfaceVersion == InterfaceVersion.LicenseCode)
        {
            // License code 2.0: the marketplace itself issues the code to the buyer; there is no create call (§C.0).
            // The code is the resource's only identifier at the seller (every later call names it), so it is the instanceId.
            resource.LicenseCode = "PL" + RandomNumberGenerator.GetString(LicenseCodeAlphabet, 18);
            resource.InstanceId = resource.LicenseCode;
            resource.State = ResourceState.Active;
            order.Status = OrderStatus.Completed;
        }
        else
        {
            db.Queue(DeliveryPlanner.Create(product, resource, order, buyer, now));
        }

        return order;
    }

    /// <summary>What the purchase costs and until when it runs: a trial is free for the product's trial days.</summary>
    private static (decimal Amount, DateTimeOffset? Expire, string? PeriodType, int? PeriodNumber) Terms(
        Product product, PlaceOrderRequest request, bool trial, DateTimeOffset now)
    {
        var periods = BillingPeriods.Count(request.PeriodNumber);
        if (trial)
        {
            return (0m, now.AddDays(product.TrialDays), "day", product.TrialDays);
        }

        var quantity = request.LinearValue is > 0 ? request.LinearValue.Value : 1m;
        return product.ChargingMode switch
        {
            ChargingModes.Period or ChargingModes.OnDemandPackage =>
                (product.Price * periods * quantity, BillingPeriods.Add(now, product.PeriodType, periods), product.PeriodType, periods),
            ChargingModes.OneTime => (product.Price * quantity, null, null, null),
            _ => (0m, null, null, null),
        };
    }
}

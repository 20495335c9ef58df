using System.Security.Cryptography;
using KooGate.Emulator.Catalog.Listing;
using KooGate.Emulator.Clock;
using KooGate.Emulator.Data;
using KooGate.Emulator.Delivery;
using KooGate.Protocol.Messages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace KooGate.Emulator.Orders;

/// <summary>
/// The buyer's side of the marketplace: each order changes the marketplace's own records at once (it is the source of
/// truth for expiry) and queues the production-interface call that tells the seller.
/// </summary>
public sealed class OrderService(
    EmulatorDb db, VirtualClock clock, OrderBook book, ChangeChecker changeChecker, ListingGuard listing, IOptions<EmulatorOptions> options)
{
    private EmulatorOptions Options => options.Value;

    public async Task<Order> PlaceAsync(PlaceOrderRequest request, CancellationToken cancellationToken)
    {
        var order = request.Type switch
        {
            OrderTypes.New => await BuyAsync(request, trial: false, cancellationToken),
            OrderTypes.Trial => await BuyAsync(request, trial: true, cancellationToken),
            OrderTypes.Renew => await RenewAsync(request, trialToFormal: false, cancellationToken),
            OrderTypes.TrialToFormal => await RenewAsync(request, trialToFormal: true, cancellationToken),
            OrderTypes.Change => await ChangeAsync(request, cancellationToken),
            OrderTypes.Unsubscribe => await UnsubscribeAsync(Required(request.ResourceId, "resourceId"), noReasonOnly: false, cancellationToken),
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
            OrderTypes.New => await UnsubscribeAsync(order.ResourceId, noReasonOnly: true, cancellationToken),
            OrderTypes.Renew => await RefundRenewalAsync(order, cancellationToken),
            _ => throw ApiException.Conflict($"a {order.OrderType} order cannot be refunded on its own; unsubscribe the resource"),
        };
        await NotifyAsync(refund, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return refund;
    }

    private async Task<Order> BuyAsync(PlaceOrderRequest request, bool trial, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var buyer = await BuyerAsync(Required(request.CustomerId, "customerId"), cancellationToken);
        var product = await ProductAsync(Required(request.ProductId, "productId"), cancellationToken);
        if (trial && product.TrialDays <= 0)
        {
            throw ApiException.Conflict($"product {product.ProductId} offers no trial");
        }

        await listing.AdmitPurchaseAsync(product, buyer, trial, request.PaymentMethod, cancellationToken);

        var periods = PeriodCount(request.PeriodNumber);
        var quantity = request.LinearValue is > 0 ? request.LinearValue.Value : 1m;
        (decimal Amount, DateTimeOffset? Expire, string? PeriodType, int? PeriodNumber) terms = trial
            ? (0m, now.AddDays(product.TrialDays), "day", product.TrialDays)
            : product.ChargingMode switch
            {
                ChargingModes.Period or ChargingModes.OnDemandPackage =>
                    (product.Price * periods * quantity, OrderBook.AddPeriods(now, product.PeriodType, periods), product.PeriodType, periods),
                ChargingModes.OneTime => (product.Price * quantity, (DateTimeOffset?)null, null, (int?)null),
                _ => (0m, null, null, null),
            };
        var (amount, expire, periodType, periodNumber) = terms;

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
        var order = OrderBook.NewOrder(trial ? OrderTypes.Trial : OrderTypes.New, buyer, product, resource, Settlement.Round(amount), FeeRate(product), request.Test, now);
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
            resource.LicenseCode = "PL" + RandomNumberGenerator.GetString("ABCDEFGHJKLMNPQRSTUVWXYZ23456789", 18);
            resource.InstanceId = resource.LicenseCode;
            resource.State = ResourceState.Active;
            order.Status = OrderStatus.Completed;
        }
        else if (DeliveryPlanner.Create(product, resource, order, buyer, now) is { } delivery)
        {
            db.Deliveries.Add(delivery);
        }

        return order;
    }

    private async Task<Order> RenewAsync(PlaceOrderRequest request, bool trialToFormal, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var resource = await ResourceAsync(Required(request.ResourceId, "resourceId"), cancellationToken);
        RequireState(resource, ResourceState.Active, ResourceState.Frozen);
        if (trialToFormal != resource.Trial)
        {
            throw ApiException.Conflict(trialToFormal ? "the resource is not a trial" : "a trial is converted with TRIAL_TO_FORMAL, not renewed");
        }

        var current = await ProductAsync(resource.ProductId, cancellationToken);
        var product = request.ProductId is { } productId ? await ProductAsync(productId, cancellationToken) : current;
        // 续费变更 (saas-v2.md §3.3 RENEWAL_CHANGE, §3.11): a SaaS V2 renewal may change the SKU or the quantity.
        var renewalChange = !trialToFormal && current.InterfaceVersion == InterfaceVersion.SaasV2
            && (product.SkuCode != current.SkuCode || (request.LinearValue is { } asked && asked != resource.LinearValue));
        if (product.SkuCode != current.SkuCode && !renewalChange)
        {
            throw ApiException.Conflict("a renewal may change the period type (productId of the same skuCode) only, except a SaaS V2 renewal change; use CHANGE");
        }

        if (product.ChargingMode is not (ChargingModes.Period or ChargingModes.OnDemandPackage))
        {
            throw ApiException.Conflict($"{product.ChargingMode} products are not renewed");
        }

        if (renewalChange && (product.InterfaceVersion != current.InterfaceVersion || product.ProductionUrl != current.ProductionUrl))
        {
            throw ApiException.Conflict("a renewal change stays on the same production address and interface version");
        }

        var buyer = await BuyerAsync(resource.CustomerId, cancellationToken);
        await listing.AdmitChangeAsync(product, resource, buyer, trialToFormal, request.PaymentMethod, cancellationToken);
        var linearValue = renewalChange ? request.LinearValue ?? resource.LinearValue : resource.LinearValue;
        var check = renewalChange && current.ChangeCheck
            ? await CheckChangeAsync(current, resource, product, linearValue, cancellationToken)
            : null;

        var periods = PeriodCount(request.PeriodNumber);
        var from = trialToFormal ? now : resource.ExpireTime ?? now;
        var expire = OrderBook.AddPeriods(from, product.PeriodType, periods);
        var order = OrderBook.NewOrder(trialToFormal ? OrderTypes.TrialToFormal : OrderTypes.Renew, buyer, product, resource,
            Settlement.Round(product.Price * periods * (linearValue ?? 1m)), FeeRate(product), resource.Test, now);
        order.PaymentMethod = request.PaymentMethod;
        var line = order.Lines[0];
        line.PeriodType = product.PeriodType;
        line.PeriodNumber = periods;
        line.ExpireTime = expire;
        line.LinearValue = linearValue;
        db.Orders.Add(order);
        if (check is not null)
        {
            check.OrderId = order.OrderId;
        }

        var scene = trialToFormal ? RefreshScenes.TrialToFormal : renewalChange ? RefreshScenes.RenewalChange : RefreshScenes.Renewal;
        var refresh = DeliveryPlanner.Refresh(current, resource, order, scene, expire, now);
        Queue(refresh);
        var wasFrozen = resource.State == ResourceState.Frozen;
        resource.ExpireTime = expire;
        resource.ProductId = product.ProductId;
        resource.LinearValue = linearValue;
        resource.Trial = false;
        if (wasFrozen)
        {
            resource.State = ResourceState.Active;
            resource.FrozenAt = null;
            resource.ReleaseDueAt = null;
            // saas-v2.md §3.11: renewal of a frozen instance → refreshInstance + UNFREEZE.
            Queue(DeliveryPlanner.Status(product, resource, freeze: false, now));
        }

        if (refresh is null)
        {
            order.Status = OrderStatus.Completed;
        }

        return order;
    }

    /// <summary>
    /// 续费变更校验 (saas-v2.md §3.7): before the renewal order exists the seller is asked whether the target spec is
    /// allowed. Anything but 000000 (including no valid answer) refuses the order; the call stays on record.
    /// </summary>
    private async Task<Data.Delivery> CheckChangeAsync(Product product, Resource resource, Product target, decimal? linearValue, CancellationToken cancellationToken)
    {
        if (resource.InstanceId is null)
        {
            throw ApiException.Conflict($"resource {resource.ResourceId} has no instance at the seller to check the change against");
        }

        var check = DeliveryPlanner.ChangeCheck(product, resource, target, linearValue, clock.GetUtcNow());
        var outcome = await changeChecker.AskAsync(check, product, resource, cancellationToken);
        if (outcome.IsSuccess)
        {
            Queue(check);
            return check;
        }

        db.Deliveries.Add(check);
        await db.SaveChangesAsync(cancellationToken);
        throw ApiException.Conflict(
            $"the seller refused the renewal change to {target.ProductId} (changeInstanceCheck: {outcome.Verdict}{(outcome.Detail is { } detail ? ", " + detail : string.Empty)})");
    }

    private async Task<Order> ChangeAsync(PlaceOrderRequest request, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var resource = await ResourceAsync(Required(request.ResourceId, "resourceId"), cancellationToken);
        RequireState(resource, ResourceState.Active);
        var current = await ProductAsync(resource.ProductId, cancellationToken);
        var target = await ProductAsync(Required(request.ProductId, "productId"), cancellationToken);
        if (target.InterfaceVersion != current.InterfaceVersion || target.ProductionUrl != current.ProductionUrl)
        {
            throw ApiException.Conflict("an upgrade stays on the same production address and interface version");
        }

        if (current.InterfaceVersion is InterfaceVersion.LicenseCode or InterfaceVersion.LicenseLegacy or InterfaceVersion.OnlineLicense)
        {
            throw ApiException.Conflict("License products have no upgrade interface");
        }

        var buyer = await BuyerAsync(resource.CustomerId, cancellationToken);
        await listing.AdmitChangeAsync(target, resource, buyer, trialToFormal: false, request.PaymentMethod, cancellationToken);

        // Pay the difference for the remaining part of the period.
        var remaining = resource.ExpireTime is { } expire && expire > now
            ? (decimal)((expire - now).TotalDays / (expire - OrderBook.AddPeriods(expire, current.PeriodType ?? "month", -1)).TotalDays)
            : 1m;
        var difference = (target.Price * (request.LinearValue ?? resource.LinearValue ?? 1m)) - (current.Price * (resource.LinearValue ?? 1m));
        var amount = Settlement.Round(Math.Max(0m, difference * Math.Min(1m, remaining)));
        var order = OrderBook.NewOrder(OrderTypes.Change, buyer, target, resource, amount, FeeRate(target), resource.Test, now);
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

    private async Task<Order> UnsubscribeAsync(string resourceId, bool noReasonOnly, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var resource = await ResourceAsync(resourceId, cancellationToken);
        RequireState(resource, ResourceState.Active, ResourceState.Frozen);
        var product = await ProductAsync(resource.ProductId, cancellationToken);
        var buyer = await BuyerAsync(resource.CustomerId, cancellationToken);
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

        var unsubscribe = OrderBook.NewOrder(OrderTypes.Unsubscribe, buyer, product, resource, 0m, FeeRate(product), resource.Test, now);
        unsubscribe.RefundsOrderId = purchase.OrderId;
        var total = 0m;
        foreach (var order in paid.OrderByDescending(o => o.CreateTime))
        {
            var net = order.Amount - order.RefundedAmount;
            var share = noReason is null ? net : Settlement.Round(net * UnusedFraction(resource, product, now));
            if (share > 0)
            {
                book.Refund(order, share, noReason is null ? RefundReason.NoReason : RefundReason.Unsubscribe, now);
                total += share;
            }
        }

        unsubscribe.Amount = -total;
        unsubscribe.Lines[0].Amount = -total;
        unsubscribe.Status = OrderStatus.Completed;
        unsubscribe.RefundReason = noReason is null ? RefundReason.NoReason : RefundReason.Unsubscribe;
        db.Orders.Add(unsubscribe);

        // Unsubscribing releases at once; the release names the unsubscribe order (saas-v2.md §3.5).
        resource.State = ResourceState.Released;
        resource.ReleasedAt = now;
        Queue(DeliveryPlanner.Release(product, resource, unsubscribe, now));
        return unsubscribe;
    }

    /// <summary>退续费: the renewal's period has not started, so it is refunded in full and the expiry moves back.</summary>
    private async Task<Order> RefundRenewalAsync(Order renewal, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var resource = await ResourceAsync(renewal.ResourceId, cancellationToken);
        RequireState(resource, ResourceState.Active, ResourceState.Frozen);
        var line = renewal.Lines[0];
        if (renewal.Status is OrderStatus.Refunded or OrderStatus.Failed || line.ExpireTime != resource.ExpireTime || line.PeriodNumber is null)
        {
            throw ApiException.Conflict("only the latest, unrefunded renewal can be refunded");
        }

        var previousExpiry = OrderBook.AddPeriods(resource.ExpireTime!.Value, line.PeriodType, -line.PeriodNumber.Value);
        if (now >= previousExpiry)
        {
            throw ApiException.Conflict("the renewed period has already begun; unsubscribe instead");
        }

        var product = await ProductAsync(resource.ProductId, cancellationToken);
        var buyer = await BuyerAsync(resource.CustomerId, cancellationToken);
        var refund = OrderBook.NewOrder(OrderTypes.Unsubscribe, buyer, product, resource, -(renewal.Amount - renewal.RefundedAmount), FeeRate(product), resource.Test, now);
        refund.RefundsOrderId = renewal.OrderId;
        refund.Status = OrderStatus.Completed;
        refund.RefundReason = RefundReason.RenewalRefund;
        refund.Lines[0].ExpireTime = previousExpiry;
        refund.Lines[0].PeriodType = line.PeriodType;
        refund.Lines[0].PeriodNumber = line.PeriodNumber;
        book.Refund(renewal, renewal.Amount - renewal.RefundedAmount, RefundReason.RenewalRefund, now);
        db.Orders.Add(refund);
        resource.ExpireTime = previousExpiry;
        Queue(DeliveryPlanner.Refresh(product, resource, refund, RefreshScenes.UnsubscribeRenewalPeriod, previousExpiry, now));
        return refund;
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

    /// <summary>Every paid (or refunded) order is announced to the product's order-notification address, if any (§D.1).</summary>
    private async Task NotifyAsync(Order order, CancellationToken cancellationToken, bool? first = null)
    {
        var product = await ProductAsync(order.ProductId, cancellationToken);
        Queue(DeliveryPlanner.OrderNotify(product, order, clock.GetUtcNow(), first ?? product.OrderNotifyFirst));
    }

    private void Queue(Data.Delivery? delivery)
    {
        if (delivery is not null)
        {
            db.Deliveries.Add(delivery);
        }
    }

    private decimal FeeRate(Product product) => product.PlatformFeeRate ?? Options.DefaultPlatformFeeRate;

    private static int PeriodCount(int? value) => value switch
    {
        null => 1,
        >= 1 and <= 99 => value.Value,
        _ => throw ApiException.BadRequest("periodNumber must be 1 to 99"),
    };

    private static void RequireState(Resource resource, params ResourceState[] states)
    {
        if (!states.Contains(resource.State))
        {
            throw ApiException.Conflict($"resource {resource.ResourceId} is {resource.State}");
        }
    }

    private static string Required(string? value, string name) =>
        string.IsNullOrWhiteSpace(value) ? throw ApiException.BadRequest($"{name} is required") : value;

    private async Task<Buyer> BuyerAsync(string id, CancellationToken cancellationToken) =>
        await db.Buyers.SingleOrDefaultAsync(b => b.CustomerId == id, cancellationToken) ?? throw ApiException.NotFound($"buyer {id}");

    private async Task<Product> ProductAsync(string id, CancellationToken cancellationToken) =>
        await db.Products.SingleOrDefaultAsync(p => p.ProductId == id, cancellationToken) ?? throw ApiException.NotFound($"product {id}");

    private async Task<Resource> ResourceAsync(string id, CancellationToken cancellationToken) =>
        await db.Resources.SingleOrDefaultAsync(r => r.ResourceId == id, cancellationToken) ?? throw ApiException.NotFound($"resource {id}");
}

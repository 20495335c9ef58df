using KooGate.Emulator.Catalog.Listing;
using KooGate.Emulator.Clock;
using KooGate.Emulator.Data;
using KooGate.Emulator.Delivery;
using KooGate.Protocol.Messages;

namespace KooGate.Emulator.Orders;

/// <summary>
/// RENEW and TRIAL_TO_FORMAL orders: the expiry moves on by the bought periods (a frozen resource thaws), and a SaaS V2
/// renewal may change the SKU or the quantity (续费变更) once the seller's change check allows it.
/// </summary>
public sealed class RenewalOrders(EmulatorDb db, VirtualClock clock, OrderLookups find, ChangeChecker changeChecker, ListingGuard listing)
{
    public async Task<Order> RenewAsync(PlaceOrderRequest request, bool trialToFormal, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var resource = await find.ResourceAsync(OrderLookups.Required(request.ResourceId, "resourceId"), cancellationToken);
        OrderLookups.RequireState(resource, ResourceState.Active, ResourceState.Frozen);
        if (trialToFormal != resource.Trial)
        {
            throw ApiException.Conflict(trialToFormal ? "the resource is not a trial" : "a trial is converted with TRIAL_TO_FORMAL, not renewed");
        }

        var current = await find.ProductAsync(resource.ProductId, cancellationToken);
        var product = request.ProductId is { } productId ? await find.ProductAsync(productId, cancellationToken) : current;
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

        var buyer = await find.BuyerAsync(resource.CustomerId, cancellationToken);
        await listing.AdmitChangeAsync(product, resource, buyer, trialToFormal, request.PaymentMethod, cancellationToken);
        var linearValue = renewalChange ? request.LinearValue ?? resource.LinearValue : resource.LinearValue;
        var check = renewalChange && current.ChangeCheck
            ? await CheckChangeAsync(current, resource, product, linearValue, cancellationToken)
            : null;

        var periods = BillingPeriods.Count(request.PeriodNumber);
        var from = trialToFormal ? now : resource.ExpireTime ?? now;
        var expire = BillingPeriods.Add(from, product.PeriodType, periods);
        var order = OrderRecords.NewOrder(trialToFormal ? OrderTypes.TrialToFormal : OrderTypes.Renew, buyer, product, resource,
            Settlement.Round(product.Price * periods * (linearValue ?? 1m)), find.FeeRate(product), resource.Test, now);
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
        db.Queue(refresh);
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
            db.Queue(DeliveryPlanner.Status(product, resource, freeze: false, now));
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
    private async Task<DeliveryJob> CheckChangeAsync(Product product, Resource resource, Product target, decimal? linearValue, CancellationToken cancellationToken)
    {
        if (resource.InstanceId is null)
        {
            throw ApiException.Conflict($"resource {resource.ResourceId} has no instance at the seller to check the change against");
        }

        var check = DeliveryPlanner.ChangeCheck(product, resource, target, linearValue, clock.GetUtcNow());
        var outcome = await changeChecker.AskAsync(check, product, resource, cancellationToken);
        db.Deliveries.Add(check);
        if (outcome.IsSuccess)
        {
            return check;
        }

        await db.SaveChangesAsync(cancellationToken);
        throw ApiException.Conflict(
            $"the seller refused the renewal change to {target.ProductId} (changeInstanceCheck: {outcome.Verdict}{(outcome.Detail is { } detail ? ", " + detail : string.Empty)})");
    }
}

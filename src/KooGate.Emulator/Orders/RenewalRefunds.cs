using KooGate.Emulator.Clock;
using KooGate.Emulator.Data;
using KooGate.Emulator.Delivery;
using KooGate.Protocol.Messages;

namespace KooGate.Emulator.Orders;

/// <summary>退续费: a renewal whose period has not started is refunded in full and the expiry moves back.</summary>
public sealed class RenewalRefunds(EmulatorDb db, VirtualClock clock, OrderLookups find)
{
    public async Task<Order> RefundAsync(Order renewal, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var resource = await find.ResourceAsync(renewal.ResourceId, cancellationToken);
        OrderLookups.RequireState(resource, ResourceState.Active, ResourceState.Frozen);
        var line = renewal.Lines[0];
        if (renewal.Status is OrderStatus.Refunded or OrderStatus.Failed || line.ExpireTime != resource.ExpireTime || line.PeriodNumber is null)
        {
            throw ApiException.Conflict("only the latest, unrefunded renewal can be refunded");
        }

        var previousExpiry = BillingPeriods.Add(resource.ExpireTime!.Value, line.PeriodType, -line.PeriodNumber.Value);
        if (now >= previousExpiry)
        {
            throw ApiException.Conflict("the renewed period has already begun; unsubscribe instead");
        }

        var product = await find.ProductAsync(resource.ProductId, cancellationToken);
        var buyer = await find.BuyerAsync(resource.CustomerId, cancellationToken);
        var unrefunded = renewal.Amount - renewal.RefundedAmount;
        var refund = OrderRecords.NewOrder(OrderTypes.Unsubscribe, buyer, product, resource, -unrefunded, find.FeeRate(product), resource.Test, now);
        refund.RefundsOrderId = renewal.OrderId;
        refund.Status = OrderStatus.Completed;
        refund.RefundReason = RefundReason.RenewalRefund;
        refund.Lines[0].ExpireTime = previousExpiry;
        refund.Lines[0].PeriodType = line.PeriodType;
        refund.Lines[0].PeriodNumber = line.PeriodNumber;
        OrderRecords.Refund(renewal, unrefunded, RefundReason.RenewalRefund, now);
        db.Orders.Add(refund);
        resource.ExpireTime = previousExpiry;
        db.Queue(DeliveryPlanner.Refresh(product, resource, refund, RefreshScenes.UnsubscribeRenewalPeriod, previousExpiry, now));
        return refund;
    }
}

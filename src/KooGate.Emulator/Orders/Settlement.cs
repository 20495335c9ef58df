using KooGate.Emulator.Data;

namespace KooGate.Emulator.Orders;

/// <summary>
/// What an order is worth to each side: seller amount = net sale × (1 − platform fee rate), net sale = sale − refunds.
/// Amounts are rounded to the cent, half away from zero. An UNSUBSCRIBE order only reports the money returned: the
/// refund is booked against the orders it refunds, so it settles nothing itself. A debugging order (<c>testFlag=1</c>)
/// is not a sale: it settles nothing either. <see cref="PaymentMethod"/> is how the buyer paid (balance, or credit
/// where the product's 信控设置 allows it).
/// </summary>
public sealed record Settlement(
    decimal SaleAmount, decimal RefundedAmount, decimal NetSale, decimal PlatformFeeRate, decimal PlatformFee, decimal SellerAmount, PaymentMethod PaymentMethod)
{
    public static Settlement For(Order order)
    {
        if (order.Test)
        {
            return new Settlement(0m, 0m, 0m, order.PlatformFeeRate, 0m, 0m, order.PaymentMethod);
        }

        if (order.OrderType == Protocol.Messages.OrderTypes.Unsubscribe)
        {
            return new Settlement(order.Amount, 0m, 0m, order.PlatformFeeRate, 0m, 0m, order.PaymentMethod);
        }

        var net = order.Amount - order.RefundedAmount;
        var seller = Round(net * (1 - order.PlatformFeeRate));
        return new Settlement(order.Amount, order.RefundedAmount, net, order.PlatformFeeRate, net - seller, seller, order.PaymentMethod);
    }

    /// <summary>An on-demand charge (pushed usage × unit price): a sale with nothing refunded, paid from the balance.</summary>
    public static Settlement For(UsageRecordEntity charge)
    {
        var seller = Round(charge.Charge * (1 - charge.PlatformFeeRate));
        return new Settlement(charge.Charge, 0m, charge.Charge, charge.PlatformFeeRate, charge.Charge - seller, seller, PaymentMethod.Balance);
    }

    public static decimal Round(decimal value) => Math.Round(value, 2, MidpointRounding.AwayFromZero);
}

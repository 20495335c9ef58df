using System.Security.Cryptography;
using KooGate.Emulator.Data;

namespace KooGate.Emulator.Orders;

/// <summary>New order records and refunds on them: the bookkeeping shared by every order type and by delivery outcomes.</summary>
public static class OrderRecords
{
    private const string Alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ0123456789";

    /// <summary>Like KooGallery's <c>CS2211181819B4LVS</c>: CS + yyMMddHHmm + five random characters.</summary>
    public static string NewOrderId(DateTimeOffset now) =>
        "CS" + now.UtcDateTime.ToString("yyMMddHHmm", System.Globalization.CultureInfo.InvariantCulture) + RandomNumberGenerator.GetString(Alphabet, 5);

    public static Order NewOrder(string type, Buyer buyer, Product product, Resource resource, decimal amount, decimal feeRate, bool test, DateTimeOffset now)
    {
        var orderId = NewOrderId(now);
        return new Order
        {
            OrderId = orderId,
            OrderType = type,
            CustomerId = buyer.CustomerId,
            ProductId = product.ProductId,
            ResourceId = resource.ResourceId,
            CreateTime = now,
            Status = OrderStatus.Delivering,
            Amount = amount,
            PlatformFeeRate = feeRate,
            Test = test,
            Lines =
            [
                new OrderLine
                {
                    OrderLineId = orderId + "-000001",
                    OrderId = orderId,
                    ProductId = product.ProductId,
                    SkuCode = product.SkuCode,
                    ChargingMode = product.ChargingMode,
                    PeriodType = product.PeriodType,
                    Amount = amount,
                },
            ],
        };
    }

    /// <summary>Gives (part of) an order's money back; the settlement follows from the refunded amount.</summary>
    public static void Refund(Order order, decimal amount, RefundReason reason, DateTimeOffset now)
    {
        order.RefundedAmount = Math.Min(order.Amount, order.RefundedAmount + Settlement.Round(amount));
        order.RefundReason = reason;
        order.RefundedAt = now;
        if (order.Status is OrderStatus.Completed or OrderStatus.Delivering && order.RefundedAmount >= order.Amount)
        {
            order.Status = OrderStatus.Refunded;
        }
    }
}

using KooGate.Emulator.Data;
using KooGate.Emulator.Orders;

namespace KooGate.Emulator.Page;

/// <summary>Everything the page shows, read in one go.</summary>
public sealed record PageModel(
    DateTimeOffset Now,
    TimeSpan Offset,
    IReadOnlyList<Product> Products,
    IReadOnlyList<Buyer> Buyers,
    IReadOnlyList<Resource> Resources,
    IReadOnlyList<Order> Orders,
    IReadOnlyList<Data.Delivery> Deliveries,
    SettlementSummary Settlement,
    string? Notice,
    string? Error);

/// <summary>The totals of <c>GET /api/settlement</c>.</summary>
/// <remarks><see cref="CreditNetSale"/> is the part of the net sale the buyers paid with credit (信控设置).</remarks>
public sealed record SettlementSummary(
    int Orders, decimal SaleAmount, decimal RefundedAmount, decimal NetSale, decimal PlatformFee, decimal SellerAmount, decimal CreditNetSale)
{
    public static SettlementSummary Of(IReadOnlyList<Order> orders)
    {
        var settled = orders.Select(KooGate.Emulator.Orders.Settlement.For).ToList();
        return new SettlementSummary(
            orders.Count(o => !o.Test),
            settled.Where(s => s.SaleAmount > 0).Sum(s => s.SaleAmount),
            settled.Sum(s => s.RefundedAmount),
            settled.Sum(s => s.NetSale),
            settled.Sum(s => s.PlatformFee),
            settled.Sum(s => s.SellerAmount),
            settled.Where(s => s.PaymentMethod == PaymentMethod.Credit).Sum(s => s.NetSale));
    }
}

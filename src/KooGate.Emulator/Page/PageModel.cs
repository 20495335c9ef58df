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
    IReadOnlyList<DeliveryJob> Deliveries,
    SettlementSummary Settlement,
    string? Notice,
    string? Error);

/// <summary>The totals of <c>GET /api/settlement</c>.</summary>
/// <remarks>
/// <see cref="CreditNetSale"/> is the part of the net sale the buyers paid with credit (信控设置).
/// <see cref="OnDemandCharges"/> is the usage pushed for on-demand products, billed at the product's unit price; it is
/// part of the sales, net sales, fee and seller amount.
/// </remarks>
public sealed record SettlementSummary(
    int Orders, decimal SaleAmount, decimal RefundedAmount, decimal NetSale, decimal PlatformFee, decimal SellerAmount, decimal CreditNetSale,
    decimal OnDemandCharges)
{
    public static SettlementSummary Of(IReadOnlyList<Order> orders, IReadOnlyList<UsageRecordEntity> usage)
    {
        var settled = orders.Select(KooGate.Emulator.Orders.Settlement.For).ToList();
        var charges = usage.Where(u => u.Charge != 0m).Select(KooGate.Emulator.Orders.Settlement.For).ToList();
        return new SettlementSummary(
            orders.Count(o => !o.Test),
            settled.Where(s => s.SaleAmount > 0).Sum(s => s.SaleAmount) + charges.Sum(c => c.SaleAmount),
            settled.Sum(s => s.RefundedAmount),
            settled.Sum(s => s.NetSale) + charges.Sum(c => c.NetSale),
            settled.Sum(s => s.PlatformFee) + charges.Sum(c => c.PlatformFee),
            settled.Sum(s => s.SellerAmount) + charges.Sum(c => c.SellerAmount),
            settled.Where(s => s.PaymentMethod == PaymentMethod.Credit).Sum(s => s.NetSale),
            charges.Sum(c => c.SaleAmount));
    }
}

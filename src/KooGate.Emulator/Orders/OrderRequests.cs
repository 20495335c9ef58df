namespace KooGate.Emulator.Orders;

/// <summary>
/// <c>POST /api/orders</c>. <c>type</c> is NEW, TRIAL, RENEW, CHANGE, TRIAL_TO_FORMAL or UNSUBSCRIBE; NEW and TRIAL need
/// <c>customerId</c> and <c>productId</c>; the others act on <c>resourceId</c> (CHANGE needs the target <c>productId</c>,
/// RENEW and TRIAL_TO_FORMAL may name one to change the period type; a SaaS V2 RENEW may also change the SKU or
/// <c>linearValue</c>, a 续费变更).
/// </summary>
public sealed record PlaceOrderRequest
{
    public string? Type { get; init; }

    public string? CustomerId { get; init; }

    public string? ProductId { get; init; }

    public string? ResourceId { get; init; }

    public int? PeriodNumber { get; init; }

    public decimal? LinearValue { get; init; }

    /// <summary>Deliver this order's <c>orderNotify</c> before the call that applies it (default: the product's setting).</summary>
    public bool? OrderNotifyFirst { get; init; }

    /// <summary>A debugging order: every call carries <c>testFlag=1</c>.</summary>
    public bool Test { get; init; }

    /// <summary><c>Balance</c> (default) or <c>Credit</c>, which the product's 信控设置 must allow.</summary>
    public Data.PaymentMethod PaymentMethod { get; init; }
}

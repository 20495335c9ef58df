namespace KooGate.Emulator.Data;

public enum OrderStatus
{
    /// <summary>Paid; the seller has not confirmed delivery yet.</summary>
    Delivering,
    Completed,

    /// <summary>Delivery failed after the whole retry schedule; the buyer was refunded.</summary>
    Failed,

    /// <summary>Refunded on request (no-reason refund, unsubscription or renewal refund).</summary>
    Refunded,
}

public enum RefundReason
{
    None,
    DeliveryFailed,
    NoReason,
    Unsubscribe,
    RenewalRefund,
}

/// <summary>An order (查询订单 OrderInfo) with its single line, amounts and settlement.</summary>
public sealed class Order
{
    public string OrderId { get; set; } = string.Empty;

    /// <summary><c>NEW</c>, <c>TRIAL</c>, <c>TRIAL_TO_FORMAL</c>, <c>RENEW</c>, <c>CHANGE</c> or <c>UNSUBSCRIBE</c>.</summary>
    public string OrderType { get; set; } = string.Empty;

    public string CustomerId { get; set; } = string.Empty;

    public string ProductId { get; set; } = string.Empty;

    /// <summary>The marketplace resource the order creates or acts on.</summary>
    public string ResourceId { get; set; } = string.Empty;

    /// <summary>For an UNSUBSCRIBE (refund) order: the order it refunds.</summary>
    public string? RefundsOrderId { get; set; }

    public DateTimeOffset CreateTime { get; set; }

    public OrderStatus Status { get; set; }

    /// <summary>The sale amount the buyer paid (negative on an UNSUBSCRIBE order: money going back).</summary>
    public decimal Amount { get; set; }

    public decimal RefundedAmount { get; set; }

    public RefundReason RefundReason { get; set; }

    public DateTimeOffset? RefundedAt { get; set; }

    public decimal PlatformFeeRate { get; set; }

    /// <summary>A debugging order: calls carry <c>testFlag=1</c>.</summary>
    public bool Test { get; set; }

    public PaymentMethod PaymentMethod { get; set; }

    /// <summary>The seller's refusal that failed the order (a create's business code), if any.</summary>
    public string? FailureCode { get; set; }

    /// <summary>What the buyer is told about a failed order.</summary>
    public string? FailureReason { get; set; }

    public List<OrderLine> Lines { get; set; } = [];
}

public sealed class OrderLine
{
    public string OrderLineId { get; set; } = string.Empty;

    public string OrderId { get; set; } = string.Empty;

    public string ProductId { get; set; } = string.Empty;

    public string SkuCode { get; set; } = string.Empty;

    public string ChargingMode { get; set; } = string.Empty;

    public string? PeriodType { get; set; }

    public int? PeriodNumber { get; set; }

    public DateTimeOffset? ExpireTime { get; set; }

    public decimal? LinearValue { get; set; }

    public decimal Amount { get; set; }
}

public enum ResourceState
{
    /// <summary>Bought; the seller has not delivered yet.</summary>
    Pending,
    Active,
    Frozen,
    Released,

    /// <summary>Delivery never succeeded (the order failed).</summary>
    Failed,
}

/// <summary>
/// A purchased resource as the marketplace tracks it. <see cref="InstanceId"/> is the seller's id, known once
/// newInstance (or getLicense) succeeded; License-code products get their <see cref="LicenseCode"/> from the marketplace.
/// </summary>
public sealed class Resource
{
    public string ResourceId { get; set; } = string.Empty;

    public string? InstanceId { get; set; }

    public string ProductId { get; set; } = string.Empty;

    public string CustomerId { get; set; } = string.Empty;

    /// <summary>The purchase order and line.</summary>
    public string OrderId { get; set; } = string.Empty;

    public string OrderLineId { get; set; } = string.Empty;

    public ResourceState State { get; set; }

    public bool Trial { get; set; }

    public bool Test { get; set; }

    public decimal? LinearValue { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? ExpireTime { get; set; }

    public DateTimeOffset? FrozenAt { get; set; }

    public DateTimeOffset? ReleaseDueAt { get; set; }

    public DateTimeOffset? ReleasedAt { get; set; }

    /// <summary>License code 2.0 code, or the license string a legacy getLicense returned.</summary>
    public string? LicenseCode { get; set; }

    public DateTimeOffset? ActivatedAt { get; set; }

    /// <summary>The appInfo JSON the seller reported (queryInstance, or V1 newInstance with credentials decrypted).</summary>
    public string? AppInfoJson { get; set; }
}

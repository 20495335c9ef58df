namespace KooGate.Client.Events;

/// <summary>
/// One order line as KooGallery knows it (from the production-interface call or from 查询订单): the purchase that
/// created, renewed, changed or unsubscribed an instance. Fields the marketplace did not send are null. The buyer's
/// mobile number and e-mail are not in events (they would sit unencrypted in the outbox): read them from the admin API.
/// </summary>
public sealed record PurchaseOrder
{
    public required string OrderId { get; init; }

    public required string OrderLineId { get; init; }

    /// <summary>查询订单 <c>orderType</c>: NEW, TRIAL, TRIAL_TO_FORMAL, RENEW, CHANGE or UNSUBSCRIBE (null when the call carried the details).</summary>
    public string? OrderType { get; init; }

    /// <summary>What the order did to the instance: new, trial, renewal, trial_to_formal, renewal_change, renewal_refund, upgrade, unsubscribe.</summary>
    public string? Kind { get; init; }

    public string? CustomerId { get; init; }

    public string? CustomerName { get; init; }

    public string? UserId { get; init; }

    public string? UserName { get; init; }

    public string? ProductId { get; init; }

    public string? SkuCode { get; init; }

    /// <summary>The quantity bought (<c>linearValue</c>; V1 <c>amount</c>).</summary>
    public decimal? Quantity { get; init; }

    /// <summary>PERIOD, ONE_TIME, ON_DEMAND or ON_DEMAND_PKG.</summary>
    public string? ChargingMode { get; init; }

    /// <summary>year, month, day, hour… as sent.</summary>
    public string? PeriodType { get; init; }

    public int? PeriodNumber { get; init; }

    /// <summary>What the buyer paid for this order.</summary>
    public decimal? Amount { get; init; }

    public bool? Trial { get; init; }

    /// <summary>When the buyer placed the order (not when it took effect).</summary>
    public DateTimeOffset? CreateTime { get; init; }

    public DateTimeOffset? ExpireTime { get; init; }

    /// <summary>Extend parameters (<c>saasExtendParams</c> decoded; 查询订单 <c>extendParams</c>).</summary>
    public IReadOnlyList<ExtendParameter> ExtendParams { get; init; } = [];
}

public sealed record ExtendParameter(string? Name, string? Value);

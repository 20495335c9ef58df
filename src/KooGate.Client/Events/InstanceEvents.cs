namespace KooGate.Client.Events;

/// <summary>
/// What every <c>instance.*</c> event carries: the instance's purchase as it stands after the change (product, SKU,
/// quantity, expiry, customer), and the order that caused the change when there is one.
/// </summary>
public abstract record InstanceEventData
{
    public required string InstanceId { get; init; }

    /// <summary>provisioning, active, frozen, released or failed.</summary>
    public string? State { get; init; }

    public string? ProductId { get; init; }

    public string? SkuCode { get; init; }

    /// <summary>The quantity bought (<c>linearValue</c>).</summary>
    public decimal? Quantity { get; init; }

    public string? ChargingMode { get; init; }

    public string? PeriodType { get; init; }

    public int? PeriodNumber { get; init; }

    public DateTimeOffset? ExpireTime { get; init; }

    public bool? Trial { get; init; }

    public string? CustomerId { get; init; }

    public string? CustomerName { get; init; }

    /// <summary>The order behind the change (null for a freeze by expiry, say).</summary>
    public string? OrderId { get; init; }

    public string? OrderLineId { get; init; }

    /// <summary>
    /// That order's details; null when KooGate could not learn them in time (the open API is not configured or kept
    /// failing): an <c>instance.order_details</c> event follows when they arrive.
    /// </summary>
    public PurchaseOrder? Order { get; init; }
}

/// <summary><c>instance.created</c>: a purchase (or trial) to provision. Sent once the purchase is known, or after the configured wait.</summary>
public sealed record InstanceCreated : InstanceEventData;

/// <summary><c>instance.order_details</c>: the details of an order announced earlier with <c>order: null</c>.</summary>
public sealed record InstanceOrderDetails : InstanceEventData;

/// <summary><c>instance.renewed</c>: renewal, trial-to-formal, renewal change, or a refunded renewal period (the new expiry).</summary>
public sealed record InstanceRenewed : InstanceEventData
{
    /// <summary>RENEWAL, TRIAL_TO_FORMAL, RENEWAL_CHANGE or UNSUBSCRIBE_RENEWAL_PERIOD (V1: the activity).</summary>
    public string? Scene { get; init; }

    public DateTimeOffset? PreviousExpireTime { get; init; }
}

/// <summary><c>instance.upgraded</c>: a paid change of SKU or quantity; the new values are in the common fields.</summary>
public sealed record InstanceUpgraded : InstanceEventData
{
    public string? PreviousProductId { get; init; }

    public string? PreviousSkuCode { get; init; }

    public decimal? PreviousQuantity { get; init; }
}

/// <summary><c>instance.frozen</c> and <c>instance.unfrozen</c>.</summary>
public sealed record InstanceStatusChanged : InstanceEventData
{
    /// <summary>FREEZE/UNFREEZE (V2), or the V1 reason (expiry, status change).</summary>
    public string? Reason { get; init; }
}

/// <summary><c>instance.released</c>: the instance leaves service for good; the order is the unsubscribe order, if any.</summary>
public sealed record InstanceReleased : InstanceEventData
{
    public string? Reason { get; init; }
}

/// <summary>
/// <c>instance.provisioning_retried</c>: a failed provisioning was reopened (KooGallery's next create retry, the admin
/// API or the dashboard); the instance is provisioning again and a provisioning outcome follows.
/// </summary>
public sealed record InstanceProvisioningRetried : InstanceEventData
{
    /// <summary>Who retried, and the failure it replaces.</summary>
    public string? Reason { get; init; }
}

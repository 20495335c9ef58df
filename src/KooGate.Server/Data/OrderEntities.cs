namespace KooGate.Server.Data;

public enum OrderFetchStatus
{
    Pending,
    Fetched,
    Failed,
    NotConfigured,

    /// <summary>The call itself carried the details (V1 GET, legacy License, the older inline V2 body): nothing to fetch.</summary>
    FromCall,
}

/// <summary>
/// One order line as the marketplace knows it, for every order applied to an instance (new, trial, renewal,
/// trial-to-formal, renewal change, upgrade, unsubscribe) and every <c>orderNotify</c>: taken from the call when it
/// carries the purchase (<see cref="OrderFetchStatus.FromCall"/>), else fetched from 查询订单 in the background. The
/// buyer's mobile number and e-mail are stored encrypted (<see cref="Configuration.SecretProtector"/>).
/// </summary>
public sealed class OrderDetails
{
    public required string OrderId { get; set; }

    public required string OrderLineId { get; set; }

    public string? InstanceId { get; set; }

    public OrderFetchStatus Status { get; set; }

    public int Attempts { get; set; }

    public DateTimeOffset NextAttemptAt { get; set; }

    public string? LastError { get; set; }

    public string? OrderType { get; set; }

    /// <summary>What the call that applied the order did (<see cref="Orders.OrderKinds"/>); null while only notified.</summary>
    public string? Kind { get; set; }

    /// <summary>The marketplace's order time (查询订单 <c>createTime</c>, else when the call arrived): orders apply in this order.</summary>
    public DateTimeOffset? CreateTime { get; set; }

    public string? ProductId { get; set; }

    public string? SkuCode { get; set; }

    public string? ChargingMode { get; set; }

    public string? PeriodType { get; set; }

    public int? PeriodNumber { get; set; }

    public DateTimeOffset? ExpireTime { get; set; }

    public string? CustomerId { get; set; }

    public string? CustomerName { get; set; }

    public string? UserId { get; set; }

    public string? UserName { get; set; }

    public string? ProtectedMobilePhone { get; set; }

    public string? ProtectedEmail { get; set; }

    /// <summary>The quantity bought (<c>linearValue</c>; V1 <c>amount</c>).</summary>
    public decimal? LinearValue { get; set; }

    /// <summary>What the buyer paid, as the marketplace reports it (order amount, or the line's amount after discount).</summary>
    public decimal? Amount { get; set; }

    public bool? Trial { get; set; }

    /// <summary>Extend parameters (<c>saasExtendParams</c> decoded) as a JSON array of <c>{name, value}</c>.</summary>
    public string? ExtendParamsJson { get; set; }

    public string? ResponseJson { get; set; }

    public DateTimeOffset? FetchedAt { get; set; }

    /// <summary>
    /// Optimistic concurrency, bumped on every save of a changed row: the fetcher storing details and a call linking
    /// the row to its instance cannot overwrite each other; the loser retries and sees the other's change.
    /// </summary>
    public int Version { get; set; }
}

public enum OutboxStatus
{
    Pending,
    Delivered,
    Dead,

    /// <summary>Waiting for its order's details (at most <see cref="Configuration.WebhookOptions.OrderDetailsWaitSeconds"/>); later events of the instance wait behind it.</summary>
    Held,
}

/// <summary>An event for the seller's app, written in the same transaction as the change it reports.</summary>
public sealed class OutboxMessage
{
    /// <summary>Commit order; events of one instance are delivered in this order.</summary>
    public long Sequence { get; set; }

    /// <summary>The event id the receiver sees (header <c>KooGate-Event-Id</c>); stable across attempts.</summary>
    public Guid Id { get; set; }

    public required string Type { get; set; }

    public required string Payload { get; set; }

    public string? InstanceId { get; set; }

    /// <summary>The order line the event reports, if any: its details complete a held event or follow as <c>instance.order_details</c>.</summary>
    public string? OrderId { get; set; }

    public string? OrderLineId { get; set; }

    /// <summary>Whether <c>data.order</c> carries the order's details.</summary>
    public bool HasOrderDetails { get; set; }

    /// <summary>A <see cref="OutboxStatus.Held"/> event goes out by then, with <c>order: null</c> if the details are still unknown.</summary>
    public DateTimeOffset? HeldUntil { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public OutboxStatus Status { get; set; }

    public int Attempts { get; set; }

    public DateTimeOffset NextAttemptAt { get; set; }

    /// <summary>Claimed by a dispatcher until then, so several server processes never send one message twice at once.</summary>
    public DateTimeOffset? LockedUntil { get; set; }

    public string? LastError { get; set; }

    public DateTimeOffset? DeliveredAt { get; set; }
}

namespace KooGate.Server.Data;

public enum OrderFetchStatus
{
    Pending,
    Fetched,
    Failed,
    NotConfigured,
}

/// <summary>查询订单 details fetched in the background for a create or upgrade order.</summary>
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

    public string? ProductId { get; set; }

    public string? SkuCode { get; set; }

    public string? ChargingMode { get; set; }

    public string? PeriodType { get; set; }

    public int? PeriodNumber { get; set; }

    public DateTimeOffset? ExpireTime { get; set; }

    public string? CustomerId { get; set; }

    public string? CustomerName { get; set; }

    public string? ResponseJson { get; set; }

    public DateTimeOffset? FetchedAt { get; set; }
}

public enum OutboxStatus
{
    Pending,
    Delivered,
    Dead,
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

    public DateTimeOffset CreatedAt { get; set; }

    public OutboxStatus Status { get; set; }

    public int Attempts { get; set; }

    public DateTimeOffset NextAttemptAt { get; set; }

    /// <summary>Claimed by a dispatcher until then, so several server processes never send one message twice at once.</summary>
    public DateTimeOffset? LockedUntil { get; set; }

    public string? LastError { get; set; }

    public DateTimeOffset? DeliveredAt { get; set; }
}

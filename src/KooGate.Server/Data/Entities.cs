namespace KooGate.Server.Data;

/// <summary>Instance lifecycle: provisioning → active ↔ frozen → released, plus failed.</summary>
public enum InstanceState
{
    Provisioning,
    Active,
    Frozen,
    Released,
    Failed,
}

/// <summary>A SaaS instance created by <c>newInstance</c>; one per (orderId, orderLineId).</summary>
public sealed class InstanceRecord
{
    public required string InstanceId { get; set; }

    public required string OrderId { get; set; }

    public required string OrderLineId { get; set; }

    /// <summary>Debug calls (<c>testFlag=1</c>) are kept apart: no hand-off, hidden from operators by default.</summary>
    public bool IsTest { get; set; }

    public InstanceState State { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public DateTimeOffset? ExpireTime { get; set; }

    public string? ProductId { get; set; }

    public string? SkuCode { get; set; }

    public string? ChargingMode { get; set; }

    public string? FrontEndUrl { get; set; }

    public string? AdminUrl { get; set; }

    public string? UserName { get; set; }

    /// <summary>The initial password, encrypted at rest.</summary>
    public string? ProtectedPassword { get; set; }

    public string? Memo { get; set; }

    public string? FailureCode { get; set; }

    public string? FailureMessage { get; set; }

    /// <summary>
    /// Optimistic concurrency: bumped on every save of a changed instance, so two concurrent changes (say a freeze
    /// racing a release) cannot silently overwrite each other; the loser fails and KooGallery's retry re-reads.
    /// </summary>
    public int Version { get; set; }
}

/// <summary>Append-only history of every state change and every order applied to an instance.</summary>
public sealed class InstanceEvent
{
    public long Id { get; set; }

    public required string InstanceId { get; set; }

    public DateTimeOffset At { get; set; }

    public required string Type { get; set; }

    public InstanceState? FromState { get; set; }

    public InstanceState? ToState { get; set; }

    public string? OrderId { get; set; }

    public string? Detail { get; set; }
}

/// <summary>Renewal, upgrade and unsubscribe orders applied once: unique per (orderId, orderLineId, kind).</summary>
public sealed class AppliedOrder
{
    public long Id { get; set; }

    public required string OrderId { get; set; }

    public required string OrderLineId { get; set; }

    public required string Kind { get; set; }

    public required string InstanceId { get; set; }

    public DateTimeOffset AppliedAt { get; set; }
}

/// <summary>A nonce seen on a verified request, shared by every server process through the database.</summary>
public sealed class SeenNonce
{
    public required string Nonce { get; set; }

    public DateTimeOffset SeenAt { get; set; }
}

/// <summary>Every production-interface call with its verdict; request and response are redacted.</summary>
public sealed class CallbackLog
{
    public long Id { get; set; }

    public DateTimeOffset ReceivedAt { get; set; }

    public required string Family { get; set; }

    public string? Activity { get; set; }

    public required string Method { get; set; }

    public required string Path { get; set; }

    public string? Query { get; set; }

    public string? RequestBody { get; set; }

    public required string ResultCode { get; set; }

    public string? ResponseBody { get; set; }

    public required string Verdict { get; set; }

    public double ElapsedMilliseconds { get; set; }

    public string? InstanceId { get; set; }

    public string? OrderId { get; set; }

    public bool IsTest { get; set; }
}

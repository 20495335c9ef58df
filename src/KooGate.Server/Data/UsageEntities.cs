namespace KooGate.Server.Data;

/// <summary>One usage measurement reported by the seller's app; its <see cref="RecordId"/> makes reporting idempotent.</summary>
public sealed class UsageEntry
{
    public required string RecordId { get; set; }

    public required string InstanceId { get; set; }

    public DateTimeOffset UsageTime { get; set; }

    public decimal Value { get; set; }

    public DateTimeOffset ReceivedAt { get; set; }

    /// <summary>The usage period (SDR) it was folded into; null while its window is open.</summary>
    public long? PeriodId { get; set; }
}

public enum UsagePeriodStatus
{
    Pending,
    Pushed,
    Failed,
}

/// <summary>
/// One SDR pushed to 按需使用量推送: the total of an instance's entries for one window. The marketplace keeps only the
/// first SDR per (instance, begin, end) (saas-v1-and-joint.md §6), so a window is closed once and never re-valued.
/// </summary>
public sealed class UsagePeriod
{
    public long Id { get; set; }

    public required string InstanceId { get; set; }

    public DateTimeOffset BeginTime { get; set; }

    public DateTimeOffset EndTime { get; set; }

    public decimal Value { get; set; }

    public int EntryCount { get; set; }

    /// <summary>Deterministic from instance and window, so a retried push is deduplicated by the marketplace.</summary>
    public required string MeteringSn { get; set; }

    public UsagePeriodStatus Status { get; set; }

    public int Attempts { get; set; }

    public DateTimeOffset NextAttemptAt { get; set; }

    public string? LastError { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? PushedAt { get; set; }
}

namespace KooGate.Emulator.Data;

/// <summary>A usage record (SDR) a seller pushed, recorded against the resource it names.</summary>
public sealed class UsageRecordEntity
{
    public long Id { get; set; }

    public string ResourceId { get; set; } = string.Empty;

    public string InstanceId { get; set; } = string.Empty;

    public string MeteringSn { get; set; } = string.Empty;

    public DateTimeOffset BeginTime { get; set; }

    public DateTimeOffset EndTime { get; set; }

    public DateTimeOffset RecordTime { get; set; }

    public decimal UsageValue { get; set; }

    public string? RelatePkgInstance { get; set; }

    public DateTimeOffset ReceivedAt { get; set; }

    /// <summary>The on-demand charge the record bills (usage × the product's unit price); 0 when it bills nothing.</summary>
    public decimal Charge { get; set; }

    public decimal PlatformFeeRate { get; set; }
}

/// <summary>A string or file uploaded for a market event (在线开通License delivery).</summary>
public sealed class Upload
{
    public long Id { get; set; }

    public string EventId { get; set; } = string.Empty;

    public string Type { get; set; } = string.Empty;

    public string? FileName { get; set; }

    public string? Sha256 { get; set; }

    public string? Characters { get; set; }

    public byte[]? Content { get; set; }

    public DateTimeOffset ReceivedAt { get; set; }
}

/// <summary>The persisted virtual-clock offset, so a restarted emulator keeps its date.</summary>
public sealed class ClockState
{
    public int Id { get; set; }

    public long OffsetTicks { get; set; }
}

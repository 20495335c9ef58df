namespace KooGate.Emulator.Data;

/// <summary>
/// A saved debug case (调试用例): the business fields of a debug call (<c>testFlag=1</c>) the seller's interface
/// answered successfully, kept per product and activity (the latest one wins) and replayed as a probe (拨测).
/// </summary>
public sealed class DebugCase
{
    public long Id { get; set; }

    public string ProductId { get; set; } = string.Empty;

    public string Activity { get; set; } = string.Empty;

    public bool Kit { get; set; }

    /// <summary>The debug resource the case was made for (the probe is signed for its product's address and keys).</summary>
    public string ResourceId { get; set; } = string.Empty;

    /// <summary>The call's business fields, replayed unchanged (businessId, nonce and timestamps are new every time).</summary>
    public string PayloadJson { get; set; } = "{}";

    public DateTimeOffset SavedAt { get; set; }
}

/// <summary>What the marketplace has done to a product because its interface kept failing.</summary>
public sealed class ProductHealthState
{
    public string ProductId { get; set; } = string.Empty;

    /// <summary>交易冻结: set after 5 consecutive days of failing probes; the product takes no orders and is hidden.</summary>
    public DateTimeOffset? TradingFrozenAt { get; set; }
}

/// <summary>The last probe slot that ran (a single row, <c>Id = 1</c>).</summary>
public sealed class ProbeState
{
    public int Id { get; set; }

    public DateTimeOffset LastSlot { get; set; }
}

namespace Tenants.Sample;

/// <summary>One buyer's tenant as this app knows it, built from KooGate's events alone.</summary>
public sealed record Tenant
{
    public required string InstanceId { get; init; }

    /// <summary>provisioning, active, frozen, released or failed (KooGate's instance state).</summary>
    public string? State { get; init; }

    public string? CustomerId { get; init; }

    public string? CustomerName { get; init; }

    public string? ProductId { get; init; }

    public string? SkuCode { get; init; }

    /// <summary>The quantity bought (seats, say).</summary>
    public decimal? Quantity { get; init; }

    public DateTimeOffset? ExpireTime { get; init; }

    /// <summary>Where the buyer reaches the tenant (set when this app provisioned it).</summary>
    public string? FrontEndUrl { get; init; }

    /// <summary>The type and time of the last event applied.</summary>
    public string? LastEvent { get; init; }

    public DateTimeOffset UpdatedAt { get; init; }
}

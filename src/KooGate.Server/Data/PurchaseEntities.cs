namespace KooGate.Server.Data;

/// <summary>
/// The instance's purchase as it stands: merged from every order applied to it (<see cref="OrderDetails"/>), newest
/// order last, so an older order's details arriving late never overwrite a newer one's SKU or quantity. Product, SKU,
/// charging mode and expiry live on <see cref="InstanceRecord"/>. The buyer's mobile number and e-mail are stored
/// encrypted at rest (V1 sends them AES-encrypted; they are decrypted with the V1 Key first).
/// </summary>
public sealed class InstancePurchase
{
    public required string InstanceId { get; set; }

    public string? CustomerId { get; set; }

    public string? CustomerName { get; set; }

    public string? UserId { get; set; }

    public string? UserName { get; set; }

    public string? ProtectedMobilePhone { get; set; }

    public string? ProtectedEmail { get; set; }

    public string? PeriodType { get; set; }

    public int? PeriodNumber { get; set; }

    /// <summary>V1 <c>amount</c> as sent (the quantity); <see cref="LinearValue"/> holds the quantity for every version.</summary>
    public int? Amount { get; set; }

    /// <summary>The quantity bought (<c>linearValue</c>).</summary>
    public decimal? LinearValue { get; set; }

    /// <summary>The order whose SKU and quantity are current, and its order time (later orders win).</summary>
    public string? OrderId { get; set; }

    public string? OrderLineId { get; set; }

    public DateTimeOffset? OrderCreateTime { get; set; }

    public int? DiskSize { get; set; }

    public int? BandWidth { get; set; }

    /// <summary>The amount actually paid, as sent (up to three decimals); reconciliation only.</summary>
    public string? OrderAmount { get; set; }

    public bool Trial { get; set; }

    public string? ProvisionType { get; set; }

    /// <summary>Buyer acceptance (<c>yyyyMMddHHmmssSSS</c>) when the product opens after acceptance.</summary>
    public string? AcceptanceTime { get; set; }

    /// <summary>The decoded <c>saasExtendParams</c> as a JSON array of <c>{name, value}</c>.</summary>
    public string? ExtendParamsJson { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}

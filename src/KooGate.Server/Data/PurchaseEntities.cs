namespace KooGate.Server.Data;

/// <summary>
/// What a V1 <c>newInstance</c> or legacy <c>getLicense</c> call says about the purchase (saas-v1-and-joint.md §3.1,
/// license-order-openapi.md §B.1); V2 learns the same through 查询订单 instead. One row per instance. The buyer's
/// mobile number and e-mail arrive AES-encrypted, are decrypted with the V1 Key and stored encrypted at rest.
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

    public int? Amount { get; set; }

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

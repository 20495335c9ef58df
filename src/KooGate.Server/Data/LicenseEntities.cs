namespace KooGate.Server.Data;

/// <summary>The license issued for a legacy <c>getLicense</c> instance; immutable, so every retry returns it.</summary>
public sealed class LicenseGrant
{
    public required string InstanceId { get; set; }

    public required string License { get; set; }

    public DateTimeOffset IssuedAt { get; set; }
}

public enum LicenseCodeState
{
    Active,
    Frozen,
    Released,
}

/// <summary>
/// A license code of the license-code 2.0 guide. KooGallery generates the codes and KooGate first hears of one in a
/// renew/status/release call, so a row is created on first sight (license-order-openapi.md §C.0).
/// </summary>
public sealed class LicenseCodeRecord
{
    public required string Code { get; set; }

    public LicenseCodeState State { get; set; }

    public DateTimeOffset? ExpireTime { get; set; }

    public string? ProductId { get; set; }

    public string? LastOrderId { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}

public enum LicenseDeliveryStatus
{
    /// <summary>Issued; waiting for the 字符串/文件流上传 upload under its eventId.</summary>
    Pending,
    Delivered,
    Failed,
}

/// <summary>
/// An online-license <c>getLicenseAsync</c> request (license-order-openapi.md §C.3): the same eventId and device
/// fingerprint always get the same license, which is uploaded to the marketplace under the eventId.
/// </summary>
public sealed class AsyncLicenseRequest
{
    public required string EventId { get; set; }

    /// <summary>Lower-case hex SHA-256 of the fingerprint (empty fingerprint included), so the key stays short.</summary>
    public required string FingerprintHash { get; set; }

    public string? DeviceFingerprint { get; set; }

    public required string InstanceId { get; set; }

    public required string License { get; set; }

    public string? EffectiveTime { get; set; }

    public string? ExpireTime { get; set; }

    public LicenseDeliveryStatus DeliveryStatus { get; set; }

    public int Attempts { get; set; }

    public DateTimeOffset NextAttemptAt { get; set; }

    public string? LastError { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? DeliveredAt { get; set; }
}

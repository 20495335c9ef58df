namespace KooGate.Server.Provisioning;

/// <summary>Why a license is asked for: a legacy purchase, its renewal, or an online-license device request.</summary>
public enum LicenseReason
{
    Purchase,
    Renewal,
    DeviceRequest,
}

/// <summary>What the license is for. Optional values are absent when the calling interface does not send them.</summary>
public sealed record LicenseRequest(
    LicenseReason Reason,
    string InstanceId,
    DateTimeOffset IssuedAt,
    string? OrderId = null,
    string? CustomerId = null,
    string? ProductId = null,
    string? SkuCode = null,
    int? Amount = null,
    DateTimeOffset? ExpireTime = null,
    string? EventId = null,
    string? DeviceFingerprint = null,
    string? EffectiveTime = null);

/// <summary>The license text, or a result code that the marketplace call answers with.</summary>
public sealed record LicenseOutcome(string? License, string? FailureCode = null, string? FailureMessage = null)
{
    public static LicenseOutcome Issued(string license) => new(license);

    public static LicenseOutcome Failed(string code, string message) => new(null, code, message);
}

/// <summary>
/// The seller's hook for license content. KooGate stores the first license issued for an order (or device request)
/// and returns that one on every retry, so an implementation need not be idempotent. The default,
/// <see cref="SignedLicenseProvisioner"/>, issues an ECDSA-signed document that software verifies offline
/// (docs/licenses.md); register another implementation to issue your own format.
/// </summary>
public interface ILicenseProvisioner
{
    Task<LicenseOutcome> IssueAsync(LicenseRequest request, CancellationToken cancellationToken);
}

using KooGate.Client.Licensing;
using Microsoft.EntityFrameworkCore;

namespace KooGate.Server.Licensing.Proxy;

/// <summary>The last good heartbeat answer for a license code (or online-license instance), served within the grace period.</summary>
public sealed class LicenseProxyAnswer
{
    public required string License { get; set; }

    /// <summary>The <see cref="LicenseStatus"/> as JSON.</summary>
    public required string Answer { get; set; }

    public DateTimeOffset CheckedAt { get; set; }
}

/// <summary>A device registered on an online license (在线开通, license-order-openapi.md §C.3), counted against its quota.</summary>
public sealed class OnlineLicenseDevice
{
    public required string InstanceId { get; set; }

    /// <summary>Lower-case hex SHA-256 of the device fingerprint; sent to the marketplace as <c>thirdPartyAccount</c>.</summary>
    public required string DeviceId { get; set; }

    public required string DeviceFingerprint { get; set; }

    public DateTimeOffset RegisteredAt { get; set; }

    public DateTimeOffset LastSeenAt { get; set; }
}

internal static class LicenseProxyModel
{
    public static void Configure(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<LicenseProxyAnswer>(e =>
        {
            e.ToTable("LicenseProxyAnswers");
            e.HasKey(x => x.License);
            e.Property(x => x.License).HasMaxLength(64);
        });
        modelBuilder.Entity<OnlineLicenseDevice>(e =>
        {
            e.ToTable("OnlineLicenseDevices");
            e.HasKey(x => new { x.InstanceId, x.DeviceId });
            e.Property(x => x.InstanceId).HasMaxLength(64);
            e.Property(x => x.DeviceId).HasMaxLength(64);
        });
    }
}

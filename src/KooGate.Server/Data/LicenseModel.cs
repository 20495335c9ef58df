using Microsoft.EntityFrameworkCore;

namespace KooGate.Server.Data;

/// <summary>Keys and column limits of the V1 purchase and license tables.</summary>
internal static class LicenseModel
{
    public static void Configure(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<InstancePurchase>(e =>
        {
            e.ToTable("InstancePurchases");
            e.HasKey(x => x.InstanceId);
            e.Property(x => x.InstanceId).HasMaxLength(64);
            e.Property(x => x.LinearValue).HasPrecision(18, 4);
        });
        modelBuilder.Entity<LicenseGrant>(e =>
        {
            e.ToTable("LicenseGrants");
            e.HasKey(x => x.InstanceId);
            e.Property(x => x.InstanceId).HasMaxLength(64);
        });
        modelBuilder.Entity<LicenseCodeRecord>(e =>
        {
            e.ToTable("LicenseCodes");
            e.HasKey(x => x.Code);
            e.Property(x => x.Code).HasMaxLength(64);
            e.Property(x => x.State).HasConversion<string>().HasMaxLength(16);
        });
        modelBuilder.Entity<AsyncLicenseRequest>(e =>
        {
            e.ToTable("AsyncLicenseRequests");
            e.HasKey(x => new { x.EventId, x.FingerprintHash });
            e.Property(x => x.EventId).HasMaxLength(64);
            e.Property(x => x.FingerprintHash).HasMaxLength(64);
            e.Property(x => x.DeliveryStatus).HasConversion<string>().HasMaxLength(16);
            e.HasIndex(x => new { x.DeliveryStatus, x.NextAttemptAt });
        });
    }
}

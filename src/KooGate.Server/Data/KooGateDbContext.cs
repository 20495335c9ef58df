using Microsoft.EntityFrameworkCore;

namespace KooGate.Server.Data;

/// <summary>
/// KooGate's store. Idempotency is enforced by unique constraints, so it holds under concurrent duplicates and
/// across several server processes sharing one PostgreSQL database.
/// </summary>
public class KooGateDbContext(DbContextOptions options) : DbContext(options)
{
    public DbSet<InstanceRecord> Instances => Set<InstanceRecord>();

    public DbSet<InstanceEvent> InstanceEvents => Set<InstanceEvent>();

    public DbSet<AppliedOrder> AppliedOrders => Set<AppliedOrder>();

    public DbSet<SeenNonce> SeenNonces => Set<SeenNonce>();

    public DbSet<CallbackLog> CallbackLogs => Set<CallbackLog>();

    public DbSet<OrderDetails> Orders => Set<OrderDetails>();

    public DbSet<OutboxMessage> Outbox => Set<OutboxMessage>();

    public DbSet<OutboxAttempt> OutboxAttempts => Set<OutboxAttempt>();

    public DbSet<UsageEntry> UsageEntries => Set<UsageEntry>();

    public DbSet<UsagePeriod> UsagePeriods => Set<UsagePeriod>();

    public DbSet<KitTenant> KitTenants => Set<KitTenant>();

    public DbSet<KitApplication> KitApplications => Set<KitApplication>();

    public DbSet<KitUser> KitUsers => Set<KitUser>();

    public DbSet<KitOrg> KitOrgs => Set<KitOrg>();

    /// <summary>Longest error text kept per attempt (longer is cut).</summary>
    public const int OutboxAttemptErrorLength = 1000;

    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        foreach (var entry in ChangeTracker.Entries<InstanceRecord>().Where(e => e.State == EntityState.Modified))
        {
            entry.Entity.Version++;
        }

        foreach (var entry in ChangeTracker.Entries<OrderDetails>().Where(e => e.State == EntityState.Modified))
        {
            entry.Entity.Version++;
        }

        return base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<InstanceRecord>(e =>
        {
            e.HasKey(i => i.InstanceId);
            e.HasIndex(i => new { i.OrderId, i.OrderLineId, i.IsTest }).IsUnique();
            e.Property(i => i.State).HasConversion<string>().HasMaxLength(16);
            e.Property(i => i.InstanceId).HasMaxLength(64);
            e.Property(i => i.OrderId).HasMaxLength(64);
            e.Property(i => i.OrderLineId).HasMaxLength(64);
            e.Property(i => i.Version).IsConcurrencyToken();
        });
        modelBuilder.Entity<InstanceEvent>(e =>
        {
            e.HasIndex(x => new { x.InstanceId, x.Id });
            e.Property(x => x.FromState).HasConversion<string>().HasMaxLength(16);
            e.Property(x => x.ToState).HasConversion<string>().HasMaxLength(16);
        });
        modelBuilder.Entity<AppliedOrder>(e => e.HasIndex(x => new { x.OrderId, x.OrderLineId, x.Kind }).IsUnique());
        modelBuilder.Entity<SeenNonce>(e =>
        {
            e.HasKey(x => x.Nonce);
            e.HasIndex(x => x.SeenAt);
        });
        modelBuilder.Entity<CallbackLog>(e =>
        {
            e.HasIndex(x => x.ReceivedAt);
            e.HasIndex(x => x.InstanceId);
            e.HasIndex(x => x.OrderId);
        });
        modelBuilder.Entity<OrderDetails>(e =>
        {
            e.HasKey(x => new { x.OrderId, x.OrderLineId });
            e.Property(x => x.Status).HasConversion<string>().HasMaxLength(16);
            e.HasIndex(x => new { x.Status, x.NextAttemptAt });
            e.HasIndex(x => x.InstanceId);
            e.Property(x => x.Version).IsConcurrencyToken();
            e.Property(x => x.LinearValue).HasPrecision(18, 4);
            e.Property(x => x.Amount).HasPrecision(18, 4);
        });
        modelBuilder.Entity<OutboxMessage>(e =>
        {
            e.HasIndex(x => new { x.OrderId, x.OrderLineId });
            // A held event is completed by the order fetcher or released by the dispatcher, never both.
            e.Property(x => x.Status).IsConcurrencyToken();
            e.HasKey(x => x.Sequence);
            e.HasIndex(x => x.Id).IsUnique();
            e.HasIndex(x => new { x.InstanceId, x.Status });
            e.Property(x => x.Status).HasConversion<string>().HasMaxLength(16);
            e.HasIndex(x => new { x.Status, x.NextAttemptAt });
        });
        modelBuilder.Entity<OutboxAttempt>(e =>
        {
            e.HasIndex(x => new { x.MessageId, x.Id });
            e.HasIndex(x => x.StartedAt);
            e.Property(x => x.Outcome).HasConversion<string>().HasMaxLength(16);
            e.Property(x => x.Error).HasMaxLength(OutboxAttemptErrorLength);
        });
        modelBuilder.Entity<UsageEntry>(e =>
        {
            e.HasKey(x => x.RecordId);
            e.Property(x => x.RecordId).HasMaxLength(64);
            e.Property(x => x.InstanceId).HasMaxLength(64);
            e.Property(x => x.Value).HasPrecision(18, 4);
            e.HasIndex(x => new { x.PeriodId, x.InstanceId });
        });
        modelBuilder.Entity<UsagePeriod>(e =>
        {
            e.Property(x => x.InstanceId).HasMaxLength(64);
            e.Property(x => x.MeteringSn).HasMaxLength(64);
            e.Property(x => x.Value).HasPrecision(18, 4);
            e.Property(x => x.Status).HasConversion<string>().HasMaxLength(16);
            e.HasIndex(x => new { x.InstanceId, x.BeginTime, x.EndTime }).IsUnique();
            e.HasIndex(x => x.MeteringSn).IsUnique();
            e.HasIndex(x => new { x.Status, x.NextAttemptAt });
        });
        modelBuilder.Entity<KitTenant>(e => e.HasKey(x => new { x.InstanceId, x.TenantId }));
        modelBuilder.Entity<KitApplication>(e => e.HasKey(x => new { x.InstanceId, x.TenantId, x.AppId }));
        modelBuilder.Entity<KitUser>(e => e.HasKey(x => new { x.InstanceId, x.TenantId, x.AppId, x.UserName }));
        modelBuilder.Entity<KitOrg>(e => e.HasKey(x => new { x.InstanceId, x.TenantId, x.OrgCode }));
        LicenseModel.Configure(modelBuilder);
        KitLogin.KitLoginModel.Configure(modelBuilder);
        Licensing.Proxy.LicenseProxyModel.Configure(modelBuilder);
        Admin.AdminSessionModel.Configure(modelBuilder);
        Notifications.NotificationCursor.Configure(modelBuilder);

        // SQLite cannot order or compare DateTimeOffset; store UTC ticks there (PostgreSQL keeps timestamptz).
        if (Database.IsSqlite())
        {
            foreach (var property in modelBuilder.Model.GetEntityTypes().SelectMany(t => t.GetProperties())
                         .Where(p => p.ClrType == typeof(DateTimeOffset) || p.ClrType == typeof(DateTimeOffset?)))
            {
                property.SetValueConverter(new Microsoft.EntityFrameworkCore.Storage.ValueConversion.DateTimeOffsetToBinaryConverter());
            }
        }
    }
}

/// <summary>The SQLite flavour, with its own migrations (Data/Migrations/Sqlite).</summary>
public sealed class SqliteKooGateDbContext(DbContextOptions<SqliteKooGateDbContext> options) : KooGateDbContext(options);

/// <summary>The PostgreSQL flavour, with its own migrations (Data/Migrations/Postgres).</summary>
public sealed class PostgresKooGateDbContext(DbContextOptions<PostgresKooGateDbContext> options) : KooGateDbContext(options);

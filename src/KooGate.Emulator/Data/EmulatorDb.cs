using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace KooGate.Emulator.Data;

/// <summary>The marketplace's state in SQLite (created with EnsureCreated: the emulator's database is disposable).</summary>
public sealed class EmulatorDb(DbContextOptions<EmulatorDb> options) : DbContext(options)
{
    public DbSet<Seller> Sellers => Set<Seller>();

    public DbSet<Product> Products => Set<Product>();

    public DbSet<Buyer> Buyers => Set<Buyer>();

    public DbSet<Order> Orders => Set<Order>();

    public DbSet<OrderLine> OrderLines => Set<OrderLine>();

    public DbSet<Resource> Resources => Set<Resource>();

    public DbSet<DeliveryJob> Deliveries => Set<DeliveryJob>();

    /// <summary>Adds a planned call, if the planner made one (a product without the interface gets none).</summary>
    public void Queue(DeliveryJob? delivery)
    {
        if (delivery is not null)
        {
            Deliveries.Add(delivery);
        }
    }

    public DbSet<CallAttempt> CallAttempts => Set<CallAttempt>();

    public DbSet<UsageRecordEntity> UsageRecords => Set<UsageRecordEntity>();

    public DbSet<Upload> Uploads => Set<Upload>();

    public DbSet<ClockState> ClockStates => Set<ClockState>();

    public DbSet<Tenant> Tenants => Set<Tenant>();

    public DbSet<KitApp> KitApps => Set<KitApp>();

    public DbSet<KitUserEntity> KitUsers => Set<KitUserEntity>();

    public DbSet<Department> Departments => Set<Department>();

    public DbSet<ListingRules> ListingRules => Set<ListingRules>();

    public DbSet<ListedAccount> ListedAccounts => Set<ListedAccount>();

    public DbSet<DebugCase> DebugCases => Set<DebugCase>();

    public DbSet<ProductHealthState> ProductHealth => Set<ProductHealthState>();

    public DbSet<ProbeState> ProbeStates => Set<ProbeState>();

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // SQLite cannot order or compare DateTimeOffset; store UTC ticks so schedules can be queried.
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UtcTicksConverter>();
        configurationBuilder.Properties<decimal>().HaveConversion<string>();
        configurationBuilder.Properties<Enum>().HaveConversion<string>();
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Seller>().HasKey(s => s.SellerId);
        modelBuilder.Entity<Seller>().HasIndex(s => s.AccessKey).IsUnique();
        modelBuilder.Entity<Product>().HasKey(p => p.ProductId);
        modelBuilder.Entity<Buyer>().HasKey(b => b.CustomerId);
        modelBuilder.Entity<Order>().HasKey(o => o.OrderId);
        modelBuilder.Entity<Order>().HasMany(o => o.Lines).WithOne().HasForeignKey(l => l.OrderId);
        modelBuilder.Entity<Order>().HasIndex(o => o.ResourceId);
        modelBuilder.Entity<OrderLine>().HasKey(l => l.OrderLineId);
        modelBuilder.Entity<Resource>().HasKey(r => r.ResourceId);
        modelBuilder.Entity<Resource>().HasIndex(r => r.InstanceId);
        modelBuilder.Entity<Resource>().HasIndex(r => r.LicenseCode);
        modelBuilder.Entity<DeliveryJob>().HasMany(d => d.Calls).WithOne().HasForeignKey(c => c.DeliveryId);
        modelBuilder.Entity<DeliveryJob>().HasIndex(d => new { d.State, d.NextAttemptAt });
        modelBuilder.Entity<UsageRecordEntity>().HasIndex(u => new { u.ResourceId, u.BeginTime, u.EndTime }).IsUnique();
        modelBuilder.Entity<Tenant>().HasKey(t => t.TenantId);
        modelBuilder.Entity<Tenant>().HasIndex(t => t.TenantCode).IsUnique();
        modelBuilder.Entity<KitApp>().HasKey(a => a.ClientId);
        modelBuilder.Entity<KitUserEntity>().HasIndex(u => new { u.TenantId, u.UserName }).IsUnique();
        modelBuilder.Entity<Department>().HasIndex(d => new { d.TenantId, d.OrgCode }).IsUnique();
        modelBuilder.Entity<ListingRules>().HasKey(r => r.ProductId);
        modelBuilder.Entity<ListingRules>().HasMany(r => r.Accounts).WithOne().HasForeignKey(a => a.ProductId);
        modelBuilder.Entity<ListedAccount>().HasIndex(a => new { a.ProductId, a.List });
        modelBuilder.Entity<DebugCase>().HasIndex(c => new { c.ProductId, c.Activity }).IsUnique();
        modelBuilder.Entity<ProductHealthState>().HasKey(h => h.ProductId);
        modelBuilder.Entity<DeliveryJob>().HasIndex(d => d.DebugCaseId);
    }

    private sealed class UtcTicksConverter() : ValueConverter<DateTimeOffset, long>(
        v => v.UtcTicks, v => new DateTimeOffset(v, TimeSpan.Zero));
}

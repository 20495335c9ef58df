using Microsoft.EntityFrameworkCore;

namespace KooGate.Server.KitLogin;

internal static class KitLoginModel
{
    public static void Configure(ModelBuilder modelBuilder) => modelBuilder.Entity<KitLoginSigningKey>(e =>
    {
        e.ToTable("KitLoginSigningKeys");
        e.HasKey(x => x.KeyId);
        e.Property(x => x.KeyId).HasMaxLength(32);
    });
}

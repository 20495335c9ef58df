using Microsoft.EntityFrameworkCore;

namespace KooGate.Server.Notifications;

/// <summary>
/// How far one incident check has notified (the last dead attempt's id, say). Shared by every server process through
/// the database, so an incident is announced once, not once per poll, process or restart.
/// </summary>
public sealed class NotificationCursor
{
    public required string Check { get; set; }

    public required string Position { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    internal static void Configure(ModelBuilder modelBuilder) => modelBuilder.Entity<NotificationCursor>(e =>
    {
        e.HasKey(x => x.Check);
        e.Property(x => x.Check).HasMaxLength(64);
        e.Property(x => x.Position).HasMaxLength(128);
    });
}

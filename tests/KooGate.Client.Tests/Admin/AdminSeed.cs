using KooGate.Server.Data;
using KooGate.Testing.Server;

namespace KooGate.Client.Tests.Admin;

/// <summary>Rows written straight into the server's database, as the production interface would have left them.</summary>
internal static class AdminSeed
{
    public static readonly DateTimeOffset At = new(2026, 3, 1, 8, 0, 0, TimeSpan.Zero);

    public static async Task InstancesAsync(KooGateHost server, int count, InstanceState state = InstanceState.Provisioning, string prefix = "inst")
    {
        using var db = server.OpenDb();
        for (var n = 0; n < count; n++)
        {
            db.Instances.Add(new InstanceRecord
            {
                InstanceId = $"{prefix}-{n:D3}",
                OrderId = $"ORDER-{prefix}-{n:D3}",
                OrderLineId = "line-1",
                State = state,
                ProductId = "product-1",
                CreatedAt = At.AddMinutes(n),
                UpdatedAt = At.AddMinutes(n),
            });
        }

        await db.SaveChangesAsync();
    }

    public static async Task<Guid> DeadDeliveryAsync(KooGateHost server, string instanceId)
    {
        using var db = server.OpenDb();
        var message = new OutboxMessage
        {
            Id = Guid.NewGuid(),
            Type = "instance.created",
            Payload = """{"instanceId":"x"}""",
            InstanceId = instanceId,
            CreatedAt = At,
            Status = OutboxStatus.Dead,
            Attempts = 8,
            NextAttemptAt = At.AddYears(10),
            LastError = "HTTP 500",
        };
        db.Outbox.Add(message);
        db.OutboxAttempts.Add(new OutboxAttempt
        {
            MessageId = message.Id,
            Attempt = 8,
            StartedAt = At,
            DurationMilliseconds = 12.5,
            StatusCode = 500,
            Error = "HTTP 500",
            Outcome = OutboxAttemptOutcome.Dead,
        });
        await db.SaveChangesAsync();
        return message.Id;
    }

    public static async Task TenantAsync(KooGateHost server)
    {
        using var db = server.OpenDb();
        db.KitTenants.Add(new KitTenant { InstanceId = "inst-000", TenantId = "tenant-1", Name = "Acme", UpdatedAt = At });
        db.KitApplications.Add(new KitApplication { InstanceId = "inst-000", TenantId = "tenant-1", AppId = "app-1", ClientId = "client-1", ProtectedClientSecret = "CIPHER", UpdatedAt = At });
        db.KitOrgs.AddRange(
            new KitOrg { InstanceId = "inst-000", TenantId = "tenant-1", OrgCode = "1", OrgName = "Root", UpdatedAt = At },
            new KitOrg { InstanceId = "inst-000", TenantId = "tenant-1", OrgCode = "2", OrgName = "Child", ParentCode = "1", UpdatedAt = At });
        await db.SaveChangesAsync();
    }
}

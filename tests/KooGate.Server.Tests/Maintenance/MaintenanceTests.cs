using KooGate.Server.Data;
using KooGate.Server.Tests.Infrastructure;
using KooGate.Testing.Server;
using Microsoft.EntityFrameworkCore;

namespace KooGate.Server.Tests.Maintenance;

public sealed class MaintenanceTests : IDisposable
{
    private readonly KooGateHost _host = new(settings: new Dictionary<string, string?> { ["KooGate:Provisioning:RecoverAfterSeconds"] = "120" });

    public void Dispose() => _host.Dispose();

    [Fact]
    public async Task Provisioning_interrupted_by_a_crash_is_restarted_and_old_nonces_are_forgotten()
    {
        _ = _host.Http; // start the server and its workers
        var now = _host.Clock.GetUtcNow();
        await using (var db = _host.OpenDb())
        {
            // What a crash between commit and provisioning leaves behind.
            db.Instances.Add(new InstanceRecord { InstanceId = "biz-crash", OrderId = "ORDER-X", OrderLineId = "ORDER-X-1", State = InstanceState.Provisioning, CreatedAt = now, UpdatedAt = now });
            db.Instances.Add(new InstanceRecord { InstanceId = "biz-fresh", OrderId = "ORDER-Y", OrderLineId = "ORDER-Y-1", State = InstanceState.Provisioning, CreatedAt = now.AddSeconds(150), UpdatedAt = now.AddSeconds(150) });
            db.SeenNonces.Add(new SeenNonce { Nonce = "basic:old", SeenAt = now });
            db.SeenNonces.Add(new SeenNonce { Nonce = "basic:recent", SeenAt = now.AddSeconds(150) });
            await db.SaveChangesAsync();
        }

        _host.Clock.Advance(TimeSpan.FromSeconds(181));
        await Eventually.UntilAsync(
            async () =>
            {
                await using var db = _host.OpenDb();
                return (await db.Instances.SingleAsync(i => i.InstanceId == "biz-crash")).State == InstanceState.Active;
            },
            "interrupted provisioning restarted");

        await using var check = _host.OpenDb();
        Assert.Equal(InstanceState.Provisioning, (await check.Instances.SingleAsync(i => i.InstanceId == "biz-fresh")).State);
        Assert.Equal(["basic:recent"], await check.SeenNonces.Select(n => n.Nonce).ToListAsync());
        Assert.Contains("provisioned", await check.InstanceEvents.Where(e => e.InstanceId == "biz-crash").Select(e => e.Type).ToListAsync());
    }
}

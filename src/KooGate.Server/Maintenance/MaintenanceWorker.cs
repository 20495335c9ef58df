using KooGate.Server.Background;
using KooGate.Server.Configuration;
using KooGate.Server.Data;
using KooGate.Server.Produce.Verification;
using KooGate.Server.Provisioning;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace KooGate.Server.Maintenance;

/// <summary>
/// Housekeeping every minute: forgets nonces that can no longer pass the timestamp window, purges what the retention
/// settings no longer keep (<see cref="RetentionPurge"/>), and restarts in-process provisioning that a crash or
/// restart interrupted (an instance left in Provisioning with no runner behind it).
/// </summary>
public sealed class MaintenanceWorker(
    IServiceScopeFactory scopes,
    ProvisioningRunner runner,
    Products.ProductSettings products,
    IOptions<KooGateOptions> options,
    TimeProvider time,
    ILogger<MaintenanceWorker> logger) : PeriodicWorker(time, logger)
{
    protected override TimeSpan Interval => TimeSpan.FromSeconds(60);

    protected override async Task<bool> RunOnceAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<KooGateDbContext>();
        var now = Time.GetUtcNow();

        // A nonce seen at T carried a timestamp within T ± window, so no request after T + 2·window can reuse it.
        await NonceStore.PurgeAsync(db, now - (3 * TimeSpan.FromSeconds(options.Value.TimestampWindowSeconds)), cancellationToken);

        await RetentionPurge.RunAsync(db, options.Value.Retention, now, cancellationToken);

        await RecoverProvisioningAsync(db, now, cancellationToken);

        return false;
    }

    private async Task RecoverProvisioningAsync(KooGateDbContext db, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var staleBefore = now - TimeSpan.FromSeconds(options.Value.Provisioning.RecoverAfterSeconds);
        var stuck = await db.Instances.AsNoTracking()
            .Where(i => i.State == InstanceState.Provisioning && !i.IsTest && i.UpdatedAt < staleBefore)
            .OrderBy(i => i.UpdatedAt)
            .Select(i => new { i.InstanceId, i.OrderId, i.OrderLineId, i.ProductId, i.UpdatedAt })
            .Take(50)
            .ToListAsync(cancellationToken);
        foreach (var instance in stuck.Where(i => !products.For(i.ProductId).ProvisionedByWebhook))
        {
            // Instances the seller's app provisions wait for its completion; only in-process provisioning is restarted.
            // Claimed by touching UpdatedAt, so one process restarts it, and not again until it is stale once more.
            var claimed = await db.Instances
                .Where(i => i.InstanceId == instance.InstanceId && i.State == InstanceState.Provisioning && i.UpdatedAt == instance.UpdatedAt)
                .ExecuteUpdateAsync(s => s.SetProperty(i => i.UpdatedAt, now), cancellationToken);
            if (claimed == 1)
            {
                logger.LogWarning("Restarting interrupted provisioning of instance {InstanceId}", instance.InstanceId);
                await runner.RunAsync(new ProvisionRequest(instance.InstanceId, instance.OrderId, instance.OrderLineId, now) { ProductId = instance.ProductId });
            }
        }
    }
}

using KooGate.Emulator.Data;
using KooGate.Emulator.Delivery;
using KooGate.Protocol.Messages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace KooGate.Emulator.Lifecycle;

/// <summary>
/// Time-driven changes of resources (saas-v2.md §3.11): expiry freezes the resource and tells the seller; the end of
/// the freeze period (15 days unless the product says otherwise) releases it.
/// </summary>
public sealed class LifecycleService(EmulatorDb db, IOptions<EmulatorOptions> options)
{
    /// <summary>Products whose resources expire (one-time and on-demand ones never do).</summary>
    private static readonly string[] Expiring = [ChargingModes.Period, ChargingModes.OnDemandPackage];

    /// <summary>The earliest future instant at which a resource changes state, if any.</summary>
    public async Task<DateTimeOffset?> NextDueAsync(CancellationToken cancellationToken)
    {
        var expiry = await db.Resources.Where(r => r.State == ResourceState.Active && r.ExpireTime != null)
            .OrderBy(r => r.ExpireTime).Select(r => r.ExpireTime).FirstOrDefaultAsync(cancellationToken);
        var release = await db.Resources.Where(r => r.State == ResourceState.Frozen && r.ReleaseDueAt != null)
            .OrderBy(r => r.ReleaseDueAt).Select(r => r.ReleaseDueAt).FirstOrDefaultAsync(cancellationToken);
        return Min(expiry, release);
    }

    /// <summary>Applies every transition due at <paramref name="now"/>; returns how many resources changed.</summary>
    public async Task<int> ApplyDueAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var changed = 0;
        var expired = await db.Resources.Where(r => r.State == ResourceState.Active && r.ExpireTime != null && r.ExpireTime <= now)
            .ToListAsync(cancellationToken);
        foreach (var resource in expired)
        {
            var product = await db.Products.SingleAsync(p => p.ProductId == resource.ProductId, cancellationToken);
            if (!Expiring.Contains(product.ChargingMode) && !resource.Trial)
            {
                resource.ExpireTime = null;
                continue;
            }

            resource.State = ResourceState.Frozen;
            resource.FrozenAt = now;
            resource.ReleaseDueAt = resource.ExpireTime!.Value.AddDays(product.FreezeDays ?? options.Value.FreezePeriodDays);
            db.Queue(DeliveryPlanner.Status(product, resource, freeze: true, now));
            changed++;
        }

        var due = await db.Resources.Where(r => r.State == ResourceState.Frozen && r.ReleaseDueAt != null && r.ReleaseDueAt <= now)
            .ToListAsync(cancellationToken);
        foreach (var resource in due)
        {
            var product = await db.Products.SingleAsync(p => p.ProductId == resource.ProductId, cancellationToken);
            resource.State = ResourceState.Released;
            resource.ReleasedAt = now;
            db.Queue(DeliveryPlanner.Release(product, resource, unsubscribe: null, now));
            changed++;
        }

        await db.SaveChangesAsync(cancellationToken);
        return changed;
    }

    private static DateTimeOffset? Min(DateTimeOffset? a, DateTimeOffset? b) =>
        a is null ? b : b is null ? a : a < b ? a : b;
}

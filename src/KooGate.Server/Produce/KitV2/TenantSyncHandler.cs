using KooGate.Protocol.Messages;
using KooGate.Server.Data;

namespace KooGate.Server.Produce.KitV2;

/// <summary>
/// <c>tenantSync</c> (saas-v2.md §3.8, joint §5.1): upserts the enterprise keyed (instanceId, tenantId). Delete marks
/// it deleted and succeeds for unknown tenants without checking the instance; repeated adds create nothing new.
/// </summary>
public sealed class TenantSyncHandler(KooGateDbContext db, Outbox.OutboxWriter outbox) : IKitHandler<TenantSyncRequest>
{
    public async Task<ProduceResult> HandleAsync(ProduceCall<TenantSyncRequest> call, CancellationToken cancellationToken)
    {
        var request = call.Request;
        var (instanceId, tenantId, orderId, flag) = (request.InstanceId, request.TenantId, request.OrderId, request.Flag);
        var (tenantCode, name, domainName) = (request.TenantCode, request.Name, request.DomainName);

        var result = KitSync.Success(instanceId) with { OrderId = orderId.Length > 0 ? orderId : null };
        if (call.IsTest)
        {
            return result;
        }

        var tenant = await db.KitTenants.FindAsync([instanceId, tenantId], cancellationToken);
        if (flag == KitFlags.Delete)
        {
            if (tenant is { Deleted: false })
            {
                tenant.Deleted = true;
                tenant.UpdatedAt = call.Now;
                KitSync.Announce(db, outbox, "kit.tenant.synced", instanceId, new { tenantId, flag = KitSync.FlagName(flag) }, call.Now);
                await db.SaveChangesAsync(cancellationToken);
            }

            return result;
        }

        if (tenant is null)
        {
            tenant = new KitTenant { InstanceId = instanceId, TenantId = tenantId };
            db.KitTenants.Add(tenant);
        }

        tenant.OrderId = orderId.Length > 0 ? orderId : tenant.OrderId;
        tenant.TenantCode = tenantCode;
        tenant.Name = name;
        tenant.DomainName = domainName;
        tenant.Deleted = false;
        tenant.UpdatedAt = call.Now;
        KitSync.Announce(db, outbox, "kit.tenant.synced", instanceId, new { tenantId, flag = KitSync.FlagName(flag), tenantCode, name, domainName }, call.Now);
        await KitSync.SaveIdempotentAsync(db, cancellationToken);
        return result;
    }
}

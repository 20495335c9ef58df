using KooGate.Server.Data;

namespace KooGate.Server.Produce.KitV2;

/// <summary>
/// <c>tenantSync</c> (saas-v2.md §3.8, joint §5.1): upserts the enterprise keyed (instanceId, tenantId). Delete marks
/// it deleted and succeeds for unknown tenants without checking the instance; repeated adds create nothing new.
/// </summary>
public sealed class TenantSyncHandler(KooGateDbContext db, Outbox.OutboxWriter outbox) : IKitHandler
{
    public async Task<ProduceResult> HandleAsync(ProduceCall call, CancellationToken cancellationToken)
    {
        var fields = call.Fields;
        var (instanceId, tenantId) = KitFields.ReadEnvelope(fields);
        var orderId = fields.RequiredAllowEmpty("orderId", 64);
        var flag = fields.RequiredInt("flag", KitFields.Delete, KitFields.Add, KitFields.Modify);
        string? tenantCode = null, name = null, domainName = null;
        if (flag != KitFields.Delete)
        {
            tenantCode = fields.Required("tenantCode", 64);
            name = fields.Required("name", 255);
            domainName = fields.Required("domainName", 255);
        }

        var result = KitFields.Success(instanceId) with { OrderId = orderId.Length > 0 ? orderId : null };
        if (call.IsTest)
        {
            return result;
        }

        var tenant = await db.KitTenants.FindAsync([instanceId, tenantId], cancellationToken);
        if (flag == KitFields.Delete)
        {
            if (tenant is { Deleted: false })
            {
                tenant.Deleted = true;
                tenant.UpdatedAt = call.Now;
                KitFields.Announce(db, outbox, "kit.tenant.synced", instanceId, new { tenantId, flag = KitFields.FlagName(flag) }, call.Now);
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
        KitFields.Announce(db, outbox, "kit.tenant.synced", instanceId, new { tenantId, flag = KitFields.FlagName(flag), tenantCode, name, domainName }, call.Now);
        await KitFields.SaveIdempotentAsync(db, cancellationToken);
        return result;
    }
}

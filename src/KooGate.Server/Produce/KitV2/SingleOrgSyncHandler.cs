using KooGate.Server.Data;

namespace KooGate.Server.Produce.KitV2;

/// <summary>
/// <c>singleOrgSync</c> (saas-v2.md §3.8, joint §5.4): one department keyed (instanceId, tenantId, orgCode); delete
/// marks it deleted and succeeds when unknown.
/// </summary>
public sealed class SingleOrgSyncHandler(KooGateDbContext db, Outbox.OutboxWriter outbox) : IKitHandler
{
    public async Task<ProduceResult> HandleAsync(ProduceCall call, CancellationToken cancellationToken)
    {
        var fields = call.Fields;
        var (instanceId, tenantId) = KitFields.ReadEnvelope(fields);
        var orgCode = fields.Required("orgCode", 64);
        var flag = fields.RequiredInt("flag", KitFields.Delete, KitFields.Add, KitFields.Modify);
        var orgName = flag == KitFields.Delete ? fields.Optional("orgName", 128) : fields.Required("orgName", 128);
        var parentCode = fields.Optional("parentCode", 64);

        var result = KitFields.Success(instanceId);
        if (call.IsTest)
        {
            return result;
        }

        var org = await db.KitOrgs.FindAsync([instanceId, tenantId, orgCode], cancellationToken);
        if (flag == KitFields.Delete)
        {
            if (org is { Deleted: false })
            {
                org.Deleted = true;
                org.UpdatedAt = call.Now;
                KitFields.Announce(db, outbox, "kit.org.synced", instanceId, new { tenantId, flag = KitFields.FlagName(flag), orgCode }, call.Now);
                await db.SaveChangesAsync(cancellationToken);
            }

            return result;
        }

        if (org is null)
        {
            org = new KitOrg { InstanceId = instanceId, TenantId = tenantId, OrgCode = orgCode };
            db.KitOrgs.Add(org);
        }

        org.OrgName = orgName;
        org.ParentCode = string.IsNullOrEmpty(parentCode) ? null : parentCode;
        org.Deleted = false;
        org.UpdatedAt = call.Now;
        KitFields.Announce(db, outbox, "kit.org.synced", instanceId, new { tenantId, flag = KitFields.FlagName(flag), orgCode, orgName, parentCode = org.ParentCode }, call.Now);
        await KitFields.SaveIdempotentAsync(db, cancellationToken);
        return result;
    }
}

using KooGate.Protocol.Messages;
using KooGate.Server.Data;

namespace KooGate.Server.Produce.KitV2;

/// <summary>
/// <c>singleOrgSync</c> (saas-v2.md §3.8, joint §5.4): one department keyed (instanceId, tenantId, orgCode); delete
/// marks it deleted and succeeds when unknown.
/// </summary>
public sealed class SingleOrgSyncHandler(KooGateDbContext db, Outbox.OutboxWriter outbox) : IKitHandler<SingleOrgSyncRequest>
{
    public async Task<ProduceResult> HandleAsync(ProduceCall<SingleOrgSyncRequest> call, CancellationToken cancellationToken)
    {
        var request = call.Request;
        var (instanceId, tenantId, orgCode, flag) = (request.InstanceId, request.TenantId, request.OrgCode, request.Flag);
        var (orgName, parentCode) = (request.OrgName, request.ParentCode);

        var result = KitSync.Success(instanceId);
        if (call.IsTest)
        {
            return result;
        }

        var org = await db.KitOrgs.FindAsync([instanceId, tenantId, orgCode], cancellationToken);
        if (flag == KitFlags.Delete)
        {
            if (org is { Deleted: false })
            {
                org.Deleted = true;
                org.UpdatedAt = call.Now;
                KitSync.Announce(db, outbox, "kit.org.synced", instanceId, new { tenantId, flag = KitSync.FlagName(flag), orgCode }, call.Now);
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
        KitSync.Announce(db, outbox, "kit.org.synced", instanceId, new { tenantId, flag = KitSync.FlagName(flag), orgCode, orgName, parentCode = org.ParentCode }, call.Now);
        await KitSync.SaveIdempotentAsync(db, cancellationToken);
        return result;
    }
}

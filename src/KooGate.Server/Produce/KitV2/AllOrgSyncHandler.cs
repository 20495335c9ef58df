using KooGate.Protocol.Messages;
using KooGate.Server.Data;
using Microsoft.EntityFrameworkCore;

namespace KooGate.Server.Produce.KitV2;

/// <summary>
/// <c>allOrgSync</c> (saas-v2.md §3.8, joint §5.5): the full department list of a tenant, as an array or a string
/// holding one. Replaces the tree: listed departments are upserted (and undeleted), the tenant's others are marked
/// deleted.
/// </summary>
public sealed class AllOrgSyncHandler(KooGateDbContext db, Outbox.OutboxWriter outbox) : IKitHandler<AllOrgSyncRequest>
{
    public async Task<ProduceResult> HandleAsync(ProduceCall<AllOrgSyncRequest> call, CancellationToken cancellationToken)
    {
        var (instanceId, tenantId) = (call.Request.InstanceId, call.Request.TenantId);
        var orgs = new Dictionary<string, (string Name, string? Parent)>(StringComparer.Ordinal);
        foreach (var org in call.Request.OrgInfoList)
        {
            orgs[org.OrgCode] = (org.GetName(), string.IsNullOrEmpty(org.ParentCode) ? null : org.ParentCode);
        }

        var result = KitSync.Success(instanceId);
        if (call.IsTest)
        {
            return result;
        }

        var existing = await db.KitOrgs.Where(o => o.InstanceId == instanceId && o.TenantId == tenantId).ToDictionaryAsync(o => o.OrgCode, StringComparer.Ordinal, cancellationToken);
        foreach (var row in existing.Values.Where(o => !o.Deleted && !orgs.ContainsKey(o.OrgCode)))
        {
            row.Deleted = true;
            row.UpdatedAt = call.Now;
        }

        foreach (var (code, (name, parent)) in orgs)
        {
            if (!existing.TryGetValue(code, out var row))
            {
                row = new KitOrg { InstanceId = instanceId, TenantId = tenantId, OrgCode = code };
                db.KitOrgs.Add(row);
            }

            row.OrgName = name;
            row.ParentCode = parent;
            row.Deleted = false;
            row.UpdatedAt = call.Now;
        }

        var tree = orgs.Select(o => new { orgCode = o.Key, orgName = o.Value.Name, parentCode = o.Value.Parent });
        KitSync.Announce(db, outbox, "kit.orgs.replaced", instanceId, new { tenantId, orgs = tree }, call.Now);
        await KitSync.SaveIdempotentAsync(db, cancellationToken);
        return result;
    }
}

using KooGate.Server.Data;
using Microsoft.EntityFrameworkCore;

namespace KooGate.Server.Produce.KitV2;

/// <summary>
/// <c>allOrgSync</c> (saas-v2.md §3.8, joint §5.5): the full department list of a tenant, as an array or a string
/// holding one. Replaces the tree: listed departments are upserted (and undeleted), the tenant's others are marked
/// deleted.
/// </summary>
public sealed class AllOrgSyncHandler(KooGateDbContext db, Outbox.OutboxWriter outbox) : IKitHandler
{
    public const int MaxOrgs = 10_000;
    private const string List = "orgInfoList";

    public async Task<ProduceResult> HandleAsync(ProduceCall call, CancellationToken cancellationToken)
    {
        var fields = call.Fields;
        var (instanceId, tenantId) = KitFields.ReadEnvelope(fields);
        var orgs = new Dictionary<string, (string Name, string? Parent)>(StringComparer.Ordinal);
        using (var list = KitFields.ReadList(fields, List, MaxOrgs))
        {
            var index = 0;
            foreach (var item in list.RootElement.EnumerateArray())
            {
                var org = new RequestFields(item);
                var code = KitFields.Item(List, index, () => org.Required("orgCode", 64));
                // V1 named the department "name"; V2 "orgName".
                var name = KitFields.Item(List, index, () => (org.Optional("orgName", 128) is { Length: > 0 } n ? n : org.Optional("name", 128))
                    is { Length: > 0 } found ? found : throw new FieldException("orgName", "is missing"));
                var parent = KitFields.Item(List, index, () => org.Optional("parentCode", 64));
                orgs[code] = (name, string.IsNullOrEmpty(parent) ? null : parent);
                index++;
            }
        }

        var result = KitFields.Success(instanceId);
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
        KitFields.Announce(db, outbox, "kit.orgs.replaced", instanceId, new { tenantId, orgs = tree }, call.Now);
        await KitFields.SaveIdempotentAsync(db, cancellationToken);
        return result;
    }
}

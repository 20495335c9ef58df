using KooGate.Server.Data;
using Microsoft.EntityFrameworkCore;

namespace KooGate.Server.Admin;

/// <summary>Kit tenants: a paged, searchable list and one tenant with its applications, users and department tree.</summary>
public static class TenantAdminEndpoints
{
    public static void MapTenantAdmin(this RouteGroupBuilder api)
    {
        api.MapGet("/tenants", ListAsync);
        api.MapGet("/tenants/{instanceId}/{tenantId}", GetAsync);
    }

    /// <summary>The filtered, ordered tenant list (newest change first); shared with the dashboard.</summary>
    internal static IQueryable<KitTenant> Query(KooGateDbContext db, string? q, bool includeDeleted)
    {
        var query = db.KitTenants.AsNoTracking();
        query = includeDeleted ? query : query.Where(t => !t.Deleted);
        if (!string.IsNullOrWhiteSpace(q))
        {
            var term = q.Trim();
            query = query.Where(t => t.TenantId.Contains(term) || t.InstanceId.Contains(term) || (t.Name != null && t.Name.Contains(term))
                || (t.TenantCode != null && t.TenantCode.Contains(term)) || (t.DomainName != null && t.DomainName.Contains(term))
                || (t.OrderId != null && t.OrderId.Contains(term)));
        }

        return query.OrderByDescending(t => t.UpdatedAt).ThenBy(t => t.InstanceId).ThenBy(t => t.TenantId);
    }

    /// <summary>One tenant with everything synchronised under it; null when there is no such tenant.</summary>
    internal static async Task<TenantDetailsView?> DetailsAsync(KooGateDbContext db, string instanceId, string tenantId, CancellationToken cancellationToken)
    {
        var tenant = await db.KitTenants.AsNoTracking().FirstOrDefaultAsync(t => t.InstanceId == instanceId && t.TenantId == tenantId, cancellationToken);
        if (tenant is null)
        {
            return null;
        }

        var apps = await db.KitApplications.AsNoTracking().Where(a => a.InstanceId == instanceId && a.TenantId == tenantId)
            .OrderBy(a => a.AppId).ToListAsync(cancellationToken);
        var users = await db.KitUsers.AsNoTracking().Where(u => u.InstanceId == instanceId && u.TenantId == tenantId)
            .OrderBy(u => u.UserName).ThenBy(u => u.AppId).ToListAsync(cancellationToken);
        var orgs = await db.KitOrgs.AsNoTracking().Where(o => o.InstanceId == instanceId && o.TenantId == tenantId).ToListAsync(cancellationToken);
        return new TenantDetailsView(
            TenantView.From(tenant), apps.Select(TenantApplicationView.From).ToList(), users.Select(TenantUserView.From).ToList(), OrgTree.Build(orgs));
    }

    private static async Task<IResult> ListAsync(KooGateDbContext db, string? q, bool? deleted, int? skip, int? take, CancellationToken cancellationToken)
    {
        var page = await Paging.PageAsync(Query(db, q, deleted == true), skip, AdminApi.Take(take), cancellationToken);
        return Results.Ok(new PagedList<TenantView>(page.Items.Select(TenantView.From).ToList(), page.Total, page.Skip, page.Take));
    }

    /// <summary>A credential application's tenant has an empty instance id: address it as <c>_</c>.</summary>
    private static async Task<IResult> GetAsync(string instanceId, string tenantId, KooGateDbContext db, CancellationToken cancellationToken) =>
        await DetailsAsync(db, instanceId == EmptyInstance ? string.Empty : instanceId, tenantId, cancellationToken) is { } details
            ? Results.Ok(details)
            : Results.Problem(statusCode: 404, title: "unknown tenant", detail: $"no tenant {tenantId} under instance {instanceId}");

    /// <summary>Stands for the empty instance id in a path.</summary>
    public const string EmptyInstance = "_";
}

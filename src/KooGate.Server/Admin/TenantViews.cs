using KooGate.Server.Data;

namespace KooGate.Server.Admin;

/// <summary>A Kit tenant (tenantSync); the instance id is empty for a credential application.</summary>
public sealed record TenantView(
    string InstanceId, string TenantId, string? OrderId, string? TenantCode, string? Name, string? DomainName, bool Deleted, DateTimeOffset UpdatedAt)
{
    public static TenantView From(KitTenant t) => new(t.InstanceId, t.TenantId, t.OrderId, t.TenantCode, t.Name, t.DomainName, t.Deleted, t.UpdatedAt);
}

/// <summary>An OAuth client of a tenant (applicationSync); the client secret is never shown, only whether one is held.</summary>
public sealed record TenantApplicationView(string AppId, string? ClientId, bool HasClientSecret, bool Deleted, DateTimeOffset UpdatedAt)
{
    public static TenantApplicationView From(KitApplication a) => new(a.AppId, a.ClientId, a.ProtectedClientSecret is not null, a.Deleted, a.UpdatedAt);
}

/// <summary>A user authorised by authSync.</summary>
public sealed record TenantUserView(
    string AppId, string UserName, string? Name, string? OrgCode, string? Position, string? EmployeeCode, string? Role, bool Enabled, bool Authorized,
    string? Mobile, string? Email, bool Deleted, DateTimeOffset UpdatedAt)
{
    public static TenantUserView From(KitUser u) => new(
        u.AppId, u.UserName, u.Name, u.OrgCode, u.Position, u.EmployeeCode, u.Role, u.Enabled, u.Authorized, u.Mobile, u.Email, u.Deleted, u.UpdatedAt);
}

/// <summary>A department and its sub-departments.</summary>
public sealed record OrgNode(string OrgCode, string? OrgName, string? ParentCode, bool Deleted, IReadOnlyList<OrgNode> Children);

public sealed record TenantDetailsView(
    TenantView Tenant, IReadOnlyList<TenantApplicationView> Applications, IReadOnlyList<TenantUserView> Users, IReadOnlyList<OrgNode> Orgs);

/// <summary>
/// Builds the department tree of singleOrgSync/allOrgSync. A department whose parent is empty or was never
/// synchronised is a root; a parent cycle (malformed data) is cut where it closes, so every department appears once.
/// </summary>
public static class OrgTree
{
    public static IReadOnlyList<OrgNode> Build(IReadOnlyList<KitOrg> orgs)
    {
        var codes = orgs.Select(o => o.OrgCode).ToHashSet(StringComparer.Ordinal);
        var byParent = orgs.Where(o => !string.IsNullOrEmpty(o.ParentCode) && codes.Contains(o.ParentCode) && o.ParentCode != o.OrgCode)
            .ToLookup(o => o.ParentCode!, StringComparer.Ordinal);
        var placed = new HashSet<string>(StringComparer.Ordinal);
        var roots = orgs.Where(o => string.IsNullOrEmpty(o.ParentCode) || !codes.Contains(o.ParentCode) || o.ParentCode == o.OrgCode);
        var tree = Nodes(roots, byParent, placed);

        // Departments only reachable through a cycle have no root: show each remaining cycle from its smallest code.
        while (orgs.Where(o => !placed.Contains(o.OrgCode)).OrderBy(o => o.OrgCode, StringComparer.Ordinal).FirstOrDefault() is { } orphan)
        {
            tree = [.. tree, .. Nodes([orphan], byParent, placed)];
        }

        return tree;
    }

    private static List<OrgNode> Nodes(IEnumerable<KitOrg> level, ILookup<string, KitOrg> byParent, HashSet<string> placed)
    {
        var nodes = new List<OrgNode>();
        foreach (var org in level.OrderBy(o => o.OrgName ?? o.OrgCode, StringComparer.Ordinal).ThenBy(o => o.OrgCode, StringComparer.Ordinal))
        {
            if (placed.Add(org.OrgCode))
            {
                nodes.Add(new OrgNode(org.OrgCode, org.OrgName, org.ParentCode, org.Deleted, Nodes(byParent[org.OrgCode], byParent, placed)));
            }
        }

        return nodes;
    }
}

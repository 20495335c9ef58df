using KooGate.Server.Configuration;
using KooGate.Server.Data;
using Microsoft.EntityFrameworkCore;

namespace KooGate.Server.KitLogin;

/// <summary>The tenant's identity centre and the OAuth client of one of its applications, as the Kit syncs left them.</summary>
public sealed record KitClient(string InstanceId, string TenantId, string TenantName, string DomainName, string AppId, string ClientId, string ClientSecret)
{
    /// <summary><c>{domain_name}/api/v1/…</c> (saas-v1-and-joint.md §7); the domain already carries its scheme.</summary>
    public string Endpoint(string path) => DomainName.TrimEnd('/') + "/api/v1/" + path;
}

/// <summary>A user as authSync delivered them, with the name of their department.</summary>
public sealed record KitMember(KitUser User, string? OrgName);

/// <summary>
/// Reads what tenantSync, applicationSync and authSync stored (joint §5.1–5.3): the decrypted client secret never
/// leaves the server process; it goes only to the identity centre's token endpoint.
/// </summary>
public sealed class KitLoginDirectory(KooGateDbContext db, SecretProtector protector)
{
    /// <summary>The client of (tenant, app); null when the tenant or the application is unknown or deleted.</summary>
    public async Task<KitClient?> FindClientAsync(string tenantId, string appId, CancellationToken cancellationToken)
    {
        var application = await db.KitApplications.AsNoTracking()
            .Where(a => a.TenantId == tenantId && a.AppId == appId && !a.Deleted && a.ClientId != null && a.ProtectedClientSecret != null)
            .OrderByDescending(a => a.UpdatedAt)
            .FirstOrDefaultAsync(cancellationToken);
        if (application is null)
        {
            return null;
        }

        var tenant = await db.KitTenants.AsNoTracking()
            .Where(t => t.TenantId == tenantId && !t.Deleted && t.DomainName != null)
            .OrderBy(t => t.InstanceId == application.InstanceId ? 0 : 1)
            .FirstOrDefaultAsync(cancellationToken);
        if (tenant is null || !Uri.TryCreate(tenant.DomainName, UriKind.Absolute, out var domain) || domain.Scheme is not ("http" or "https"))
        {
            return null;
        }

        return new KitClient(application.InstanceId, tenantId, tenant.Name ?? tenantId, tenant.DomainName!, appId, application.ClientId!,
            protector.Unprotect(application.ProtectedClientSecret!));
    }

    /// <summary>The applications synced for a tenant (one of them is the default when a login names none).</summary>
    public Task<List<string>> AppsOfTenantAsync(string tenantId, CancellationToken cancellationToken) =>
        db.KitApplications.AsNoTracking().Where(a => a.TenantId == tenantId && !a.Deleted).Select(a => a.AppId).Distinct().ToListAsync(cancellationToken);

    /// <summary>
    /// The member a verified sign-in stands for, mapped by (tenant, userName) to the authSync record (§7.4, §7.7):
    /// refused when the identity centre named another tenant, or authSync did not authorise or disabled the user.
    /// </summary>
    public async Task<KitMember> AuthoriseAsync(KitClient client, string userName, string? userTenant, CancellationToken cancellationToken)
    {
        if (userTenant is not null && !string.Equals(userTenant, client.TenantId, StringComparison.Ordinal))
        {
            throw new KitLoginRefusedException("This account belongs to another enterprise and cannot sign in to this one.");
        }

        var member = await FindMemberAsync(client, userName, cancellationToken);
        if (member is null || !member.User.Authorized)
        {
            throw new KitLoginRefusedException($"Your enterprise administrator has not authorised {userName} for this application.");
        }

        return member.User.Enabled
            ? member
            : throw new KitLoginRefusedException($"The account {userName} is disabled for this application.");
    }

    public async Task<KitMember?> FindMemberAsync(KitClient client, string userName, CancellationToken cancellationToken)
    {
        var user = await db.KitUsers.AsNoTracking()
            .Where(u => u.TenantId == client.TenantId && u.AppId == client.AppId && u.UserName == userName && !u.Deleted)
            .OrderBy(u => u.InstanceId == client.InstanceId ? 0 : 1)
            .FirstOrDefaultAsync(cancellationToken);
        if (user is null)
        {
            return null;
        }

        var org = user.OrgCode is null
            ? null
            : await db.KitOrgs.AsNoTracking()
                .Where(o => o.TenantId == client.TenantId && o.OrgCode == user.OrgCode && !o.Deleted)
                .Select(o => o.OrgName)
                .FirstOrDefaultAsync(cancellationToken);
        return new KitMember(user, org);
    }
}

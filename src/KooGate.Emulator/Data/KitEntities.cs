namespace KooGate.Emulator.Data;

/// <summary>An enterprise a buyer bound a joint product to (tenantSync).</summary>
public sealed class Tenant
{
    public string TenantId { get; set; } = string.Empty;

    public string ResourceId { get; set; } = string.Empty;

    public string TenantCode { get; set; } = string.Empty;

    public string Name { get; set; } = string.Empty;

    public string DomainName { get; set; } = string.Empty;
}

/// <summary>The OAuth client of a tenant's app (applicationSync); the secret is what the token endpoint expects.</summary>
public sealed class KitApp
{
    public string ClientId { get; set; } = string.Empty;

    public string TenantId { get; set; } = string.Empty;

    public string AppId { get; set; } = string.Empty;

    public string ClientSecret { get; set; } = string.Empty;
}

/// <summary>A user the tenant administrator authorised for the app (authSync).</summary>
public sealed class KitUserEntity
{
    public long Id { get; set; }

    public string TenantId { get; set; } = string.Empty;

    public string UserName { get; set; } = string.Empty;

    public string Name { get; set; } = string.Empty;

    public string OrgCode { get; set; } = string.Empty;

    public string Role { get; set; } = "user";

    public string? Mobile { get; set; }

    public string? Email { get; set; }

    public bool Enabled { get; set; } = true;

    /// <summary>
    /// False once authSync revoked the app for the user (flag 3): they stay in the enterprise directory and can still
    /// sign in at the identity centre; keeping them out of the app is the seller's job.
    /// </summary>
    public bool Authorized { get; set; } = true;
}

public sealed class Department
{
    public long Id { get; set; }

    public string TenantId { get; set; } = string.Empty;

    public string OrgCode { get; set; } = string.Empty;

    public string OrgName { get; set; } = string.Empty;

    public string? ParentCode { get; set; }
}

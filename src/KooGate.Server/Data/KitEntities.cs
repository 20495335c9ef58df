namespace KooGate.Server.Data;

/// <summary>An enterprise bound by tenantSync; key (instanceId, tenantId). instanceId is empty for credential application.</summary>
public sealed class KitTenant
{
    public required string InstanceId { get; set; }

    public required string TenantId { get; set; }

    public string? OrderId { get; set; }

    public string? TenantCode { get; set; }

    public string? Name { get; set; }

    public string? DomainName { get; set; }

    public bool Deleted { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}

/// <summary>An OAuth client from applicationSync; the decrypted client secret is stored encrypted at rest.</summary>
public sealed class KitApplication
{
    public required string InstanceId { get; set; }

    public required string TenantId { get; set; }

    public required string AppId { get; set; }

    public string? ClientId { get; set; }

    public string? ProtectedClientSecret { get; set; }

    public bool Deleted { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}

/// <summary>A user authorised by authSync; key (instanceId, tenantId, appId, userName).</summary>
public sealed class KitUser
{
    public required string InstanceId { get; set; }

    public required string TenantId { get; set; }

    public required string AppId { get; set; }

    public required string UserName { get; set; }

    public string? Name { get; set; }

    public string? OrgCode { get; set; }

    public string? Position { get; set; }

    public string? EmployeeCode { get; set; }

    public int? EmployeeType { get; set; }

    public string? Role { get; set; }

    public bool Enabled { get; set; }

    public bool Authorized { get; set; }

    public string? Mobile { get; set; }

    public string? Email { get; set; }

    public string? WorkPlace { get; set; }

    public string? EntryDate { get; set; }

    public bool Deleted { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}

/// <summary>A department from singleOrgSync/allOrgSync; key (instanceId, tenantId, orgCode).</summary>
public sealed class KitOrg
{
    public required string InstanceId { get; set; }

    public required string TenantId { get; set; }

    public required string OrgCode { get; set; }

    public string? OrgName { get; set; }

    public string? ParentCode { get; set; }

    public bool Deleted { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}

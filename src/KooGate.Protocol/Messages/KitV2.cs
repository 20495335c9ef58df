using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;
using KooGate.Protocol.Validation;

namespace KooGate.Protocol.Messages;

// 联营 Kit sync interfaces (saas-v2.md §3.8, saas-v1-and-joint.md §5), V2 and — where the shapes match — V1. flag and
// testFlag are JSON integers (strings are tolerated). instanceId/orderId are mandatory keys but arrive empty when the
// seller's own app-credential application triggers the call, so they only need to be present. Replies are
// ProduceResponse. Request properties are declared in ordinal wire-name order (the signed payload is key-sorted).

/// <summary>Kit <c>flag</c>: V1 knows 0/1 (authSync 0/1/2); V2 adds 2 = modify and, for authSync, 3 = revoke.</summary>
public static class KitFlags
{
    public const int Delete = 0;
    public const int Add = 1;
    public const int Modify = 2;
    public const int RevokeAuthorization = 3;
}

/// <summary>Kit <c>testFlag</c>.</summary>
public static class KitTestFlags
{
    public const int Real = 0;
    public const int Debug = 1;
}

/// <summary>authSync <c>User.role</c>: an <c>admin</c> must get administrator rights.</summary>
public static class KitRoles
{
    public const string User = "user";
    public const string Admin = "admin";
}

public sealed record TenantSyncRequest
{
    /// <summary>The tenant's identity-centre domain, with <c>https://</c>.</summary>
    [JsonPropertyName("domainName"), Required, MaxLength(255)]
    public string DomainName { get; init; } = string.Empty;

    [JsonPropertyName("flag"), Required, AllowedValues(KitFlags.Delete, KitFlags.Add, KitFlags.Modify)]
    public int? Flag { get; init; }

    [JsonPropertyName("instanceId"), Required(AllowEmptyStrings = true), MaxLength(64)]
    public string InstanceId { get; init; } = string.Empty;

    [JsonPropertyName("name"), Required, MaxLength(255)]
    public string Name { get; init; } = string.Empty;

    [JsonPropertyName("orderId"), Required(AllowEmptyStrings = true), MaxLength(64)]
    public string OrderId { get; init; } = string.Empty;

    [JsonPropertyName("tenantCode"), Required, MaxLength(64)]
    public string TenantCode { get; init; } = string.Empty;

    [JsonPropertyName("tenantId"), Required, MaxLength(64)]
    public string TenantId { get; init; } = string.Empty;

    [JsonPropertyName("testFlag"), Required, AllowedValues(KitTestFlags.Real, KitTestFlags.Debug)]
    public int? TestFlag { get; init; }

    [JsonPropertyName("timeStamp"), Required, MaxLength(20), ChinaDigitsTime]
    public string TimeStamp { get; init; } = string.Empty;

    [JsonIgnore]
    public bool IsTest => TestFlag == KitTestFlags.Debug;
}

public sealed record ApplicationSyncRequest
{
    [JsonPropertyName("appId"), Required, MaxLength(64)]
    public string AppId { get; init; } = string.Empty;

    [JsonPropertyName("clientId"), Required, MaxLength(64)]
    public string ClientId { get; init; } = string.Empty;

    /// <summary>RSA-OAEP ciphertext under the seller's public key (saas-v2.md §2.7).</summary>
    [JsonPropertyName("clientSecret"), Required]
    public string ClientSecret { get; init; } = string.Empty;

    [JsonPropertyName("flag"), Required, AllowedValues(KitFlags.Delete, KitFlags.Add, KitFlags.Modify)]
    public int? Flag { get; init; }

    [JsonPropertyName("instanceId"), Required(AllowEmptyStrings = true), MaxLength(64)]
    public string InstanceId { get; init; } = string.Empty;

    [JsonPropertyName("tenantId"), Required, MaxLength(64)]
    public string TenantId { get; init; } = string.Empty;

    [JsonPropertyName("testFlag"), Required, AllowedValues(KitTestFlags.Real, KitTestFlags.Debug)]
    public int? TestFlag { get; init; }

    [JsonPropertyName("timeStamp"), Required, MaxLength(20), ChinaDigitsTime]
    public string TimeStamp { get; init; } = string.Empty;

    [JsonIgnore]
    public bool IsTest => TestFlag == KitTestFlags.Debug;
}

public sealed record AuthSyncRequest
{
    [JsonPropertyName("appId"), Required, MaxLength(64)]
    public string AppId { get; init; } = string.Empty;

    [JsonPropertyName("currentSyncTime"), Required, MaxLength(20), ChinaDigitsTime]
    public string CurrentSyncTime { get; init; } = string.Empty;

    [JsonPropertyName("flag"), Required,
     AllowedValues(KitFlags.Delete, KitFlags.Add, KitFlags.Modify, KitFlags.RevokeAuthorization)]
    public int? Flag { get; init; }

    [JsonPropertyName("instanceId"), Required(AllowEmptyStrings = true), MaxLength(64)]
    public string InstanceId { get; init; } = string.Empty;

    [JsonPropertyName("tenantId"), Required, MaxLength(64)]
    public string TenantId { get; init; } = string.Empty;

    [JsonPropertyName("testFlag"), Required, AllowedValues(KitTestFlags.Real, KitTestFlags.Debug)]
    public int? TestFlag { get; init; }

    [JsonPropertyName("timeStamp"), Required, MaxLength(20), ChinaDigitsTime]
    public string TimeStamp { get; init; } = string.Empty;

    /// <summary>V2 sends a JSON array, V1 a string holding it (saas-v1-and-joint.md §5.3); both are read.</summary>
    [JsonPropertyName("userList"), Required, JsonConverter(typeof(JsonArrayOrStringConverter<KitUser>))]
    public IReadOnlyList<KitUser> UserList { get; init; } = [];

    [JsonIgnore]
    public bool IsTest => TestFlag == KitTestFlags.Debug;
}

/// <summary>
/// An authSync user. The V1 example nests <c>entryDate</c>/<c>employeeType</c>/<c>workPlace</c> in
/// <c>extension</c>, the V2 table lists them flat (saas-v1-and-joint.md §9.7); the <c>Get…</c> methods read either.
/// </summary>
public sealed record KitUser
{
    [JsonPropertyName("userName"), Required, MaxLength(64)]
    public string UserName { get; init; } = string.Empty;

    [JsonPropertyName("name"), Required, MaxLength(64)]
    public string Name { get; init; } = string.Empty;

    [JsonPropertyName("orgCode"), Required, MaxLength(64)]
    public string OrgCode { get; init; } = string.Empty;

    [JsonPropertyName("position"), MaxLength(64)]
    public string? Position { get; init; }

    [JsonPropertyName("employeeCode"), MaxLength(64)]
    public string? EmployeeCode { get; init; }

    /// <summary>1 regular, 2 intern, 3 dispatched, 4 outsourced.</summary>
    [JsonPropertyName("employeeType")]
    public int? EmployeeType { get; init; }

    [JsonPropertyName("role"), Required, MaxLength(32), AllowedValues(KitRoles.User, KitRoles.Admin)]
    public string Role { get; init; } = KitRoles.User;

    /// <summary>The strings <c>"true"</c>/<c>"false"</c>, not a JSON boolean (a boolean is tolerated).</summary>
    [JsonPropertyName("enable"), Required, MaxLength(8), AllowedValues("true", "false")]
    public string Enable { get; init; } = "true";

    [JsonPropertyName("mobile"), MaxLength(32)]
    public string? Mobile { get; init; }

    [JsonPropertyName("email"), MaxLength(128)]
    public string? Email { get; init; }

    [JsonPropertyName("workPlace"), MaxLength(256)]
    public string? WorkPlace { get; init; }

    /// <summary>Doc format <c>yyyy-M-d</c> (e.g. <c>2022-11-9</c>).</summary>
    [JsonPropertyName("entryDate"), MaxLength(20)]
    public string? EntryDate { get; init; }

    [JsonPropertyName("extension")]
    public KitUserExtension? Extension { get; init; }

    [JsonIgnore]
    public bool IsAdmin => Role == KitRoles.Admin;

    [JsonIgnore]
    public bool IsEnabled => string.Equals(Enable, "true", StringComparison.OrdinalIgnoreCase);

    public string? GetEntryDate() => EntryDate ?? Extension?.EntryDate;

    public int? GetEmployeeType() => EmployeeType ?? Extension?.EmployeeType;

    public string? GetWorkPlace() => WorkPlace ?? Extension?.WorkPlace;
}

public sealed record KitUserExtension
{
    [JsonPropertyName("entryDate"), MaxLength(20)]
    public string? EntryDate { get; init; }

    /// <summary>A string (<c>"4"</c>) in the V1 example.</summary>
    [JsonPropertyName("employeeType")]
    public int? EmployeeType { get; init; }

    [JsonPropertyName("workPlace"), MaxLength(256)]
    public string? WorkPlace { get; init; }
}

public sealed record SingleOrgSyncRequest
{
    [JsonPropertyName("flag"), Required, AllowedValues(KitFlags.Delete, KitFlags.Add, KitFlags.Modify)]
    public int? Flag { get; init; }

    [JsonPropertyName("instanceId"), Required(AllowEmptyStrings = true), MaxLength(64)]
    public string InstanceId { get; init; } = string.Empty;

    /// <summary>Unique within the tenant.</summary>
    [JsonPropertyName("orgCode"), Required, MaxLength(64)]
    public string OrgCode { get; init; } = string.Empty;

    [JsonPropertyName("orgName"), Required, MaxLength(128)]
    public string OrgName { get; init; } = string.Empty;

    /// <summary>Empty only for the top-level department.</summary>
    [JsonPropertyName("parentCode"), MaxLength(64)]
    public string? ParentCode { get; init; }

    [JsonPropertyName("tenantId"), Required, MaxLength(64)]
    public string TenantId { get; init; } = string.Empty;

    [JsonPropertyName("testFlag"), Required, AllowedValues(KitTestFlags.Real, KitTestFlags.Debug)]
    public int? TestFlag { get; init; }

    [JsonPropertyName("timeStamp"), Required, MaxLength(20), ChinaDigitsTime]
    public string TimeStamp { get; init; } = string.Empty;

    [JsonIgnore]
    public bool IsTest => TestFlag == KitTestFlags.Debug;
}

/// <summary>V2 allOrgSync: the full, flat department list.</summary>
public sealed record AllOrgSyncRequest
{
    [JsonPropertyName("instanceId"), Required(AllowEmptyStrings = true), MaxLength(64)]
    public string InstanceId { get; init; } = string.Empty;

    /// <summary>The table says OrgInfo[], the doc example sends a string (with unquoted keys); both are read.</summary>
    [JsonPropertyName("orgInfoList"), Required, JsonConverter(typeof(JsonArrayOrStringConverter<OrgInfo>))]
    public IReadOnlyList<OrgInfo> OrgInfoList { get; init; } = [];

    [JsonPropertyName("tenantId"), Required, MaxLength(64)]
    public string TenantId { get; init; } = string.Empty;

    [JsonPropertyName("testFlag"), Required, AllowedValues(KitTestFlags.Real, KitTestFlags.Debug)]
    public int? TestFlag { get; init; }

    [JsonPropertyName("timeStamp"), Required, MaxLength(20), ChinaDigitsTime]
    public string TimeStamp { get; init; } = string.Empty;

    [JsonIgnore]
    public bool IsTest => TestFlag == KitTestFlags.Debug;
}

public sealed record OrgInfo
{
    [JsonPropertyName("orgCode"), Required, MaxLength(64)]
    public string OrgCode { get; init; } = string.Empty;

    [JsonPropertyName("orgName"), Required, MaxLength(128)]
    public string OrgName { get; init; } = string.Empty;

    [JsonPropertyName("parentCode"), MaxLength(64)]
    public string? ParentCode { get; init; }
}

/// <summary>
/// V1 allOrgSync (<c>/produceAPI/allOrgSync</c>): <c>orgInfo</c> is a string holding the list, and departments carry
/// <c>name</c> instead of <c>orgName</c> (saas-v1-and-joint.md §5.5). Written back in the V1 string form.
/// </summary>
public sealed record AllOrgSyncV1Request
{
    [JsonPropertyName("instanceId"), Required(AllowEmptyStrings = true), MaxLength(64)]
    public string InstanceId { get; init; } = string.Empty;

    [JsonPropertyName("orgInfo"), Required, JsonConverter(typeof(JsonStringOfArrayConverter<OrgInfoV1>))]
    public IReadOnlyList<OrgInfoV1> OrgInfo { get; init; } = [];

    [JsonPropertyName("tenantId"), Required, MaxLength(64)]
    public string TenantId { get; init; } = string.Empty;

    [JsonPropertyName("testFlag"), Required, AllowedValues(KitTestFlags.Real, KitTestFlags.Debug)]
    public int? TestFlag { get; init; }

    [JsonPropertyName("timeStamp"), Required, MaxLength(20), ChinaDigitsTime]
    public string TimeStamp { get; init; } = string.Empty;

    [JsonIgnore]
    public bool IsTest => TestFlag == KitTestFlags.Debug;
}

public sealed record OrgInfoV1
{
    [JsonPropertyName("orgCode"), Required, MaxLength(64)]
    public string OrgCode { get; init; } = string.Empty;

    [JsonPropertyName("name"), Required, MaxLength(128)]
    public string Name { get; init; } = string.Empty;

    [JsonPropertyName("parentCode"), MaxLength(64)]
    public string? ParentCode { get; init; }
}

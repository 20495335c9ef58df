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

/// <summary>A delete carries only the keys: <c>tenantCode</c>, <c>name</c> and <c>domainName</c> are mandatory for add and modify.</summary>
public sealed record TenantSyncRequest : IConditionalRules
{
    /// <summary>The tenant's identity-centre domain, with <c>https://</c>.</summary>
    [JsonPropertyName("domainName"), MaxLength(255)]
    public string DomainName { get; init; } = string.Empty;

    [JsonPropertyName("flag"), Required, AllowedValues(KitFlags.Delete, KitFlags.Add, KitFlags.Modify)]
    public int? Flag { get; init; }

    [JsonPropertyName("instanceId"), Required(AllowEmptyStrings = true), MaxLength(64)]
    public string InstanceId { get; init; } = string.Empty;

    [JsonPropertyName("name"), MaxLength(255)]
    public string Name { get; init; } = string.Empty;

    [JsonPropertyName("orderId"), Required(AllowEmptyStrings = true), MaxLength(64)]
    public string OrderId { get; init; } = string.Empty;

    [JsonPropertyName("tenantCode"), MaxLength(64)]
    public string TenantCode { get; init; } = string.Empty;

    [JsonPropertyName("tenantId"), Required, MaxLength(64)]
    public string TenantId { get; init; } = string.Empty;

    [JsonPropertyName("testFlag"), Required, AllowedValues(KitTestFlags.Real, KitTestFlags.Debug)]
    public int? TestFlag { get; init; }

    [JsonPropertyName("timeStamp"), Required, MaxLength(20), ChinaDigitsTime]
    public string TimeStamp { get; init; } = string.Empty;

    [JsonIgnore]
    public bool IsTest => TestFlag == KitTestFlags.Debug;

    public FieldError? CheckConditions() => Flag == KitFlags.Delete ? null
        : ConditionalRules.FirstMissing(("name", Name), ("tenantCode", TenantCode), ("domainName", DomainName));
}

/// <summary>A delete carries only the keys: <c>clientId</c> and <c>clientSecret</c> are mandatory for add and modify.</summary>
public sealed record ApplicationSyncRequest : IConditionalRules
{
    [JsonPropertyName("appId"), Required, MaxLength(64)]
    public string AppId { get; init; } = string.Empty;

    [JsonPropertyName("clientId"), MaxLength(64)]
    public string ClientId { get; init; } = string.Empty;

    /// <summary>RSA-OAEP ciphertext under the seller's public key (saas-v2.md §2.7).</summary>
    [JsonPropertyName("clientSecret"), MaxLength(8192)]
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

    public FieldError? CheckConditions() => Flag == KitFlags.Delete ? null
        : ConditionalRules.FirstMissing(("clientId", ClientId), ("clientSecret", ClientSecret));
}

/// <summary>
/// Delete and revoke name users by <c>userName</c> only; add and modify need every mandatory field of each user.
/// </summary>
public sealed record AuthSyncRequest : IConditionalRules
{
    /// <summary>At most 500 users per call (saas-v2.md §3.8).</summary>
    public const int MaxUsers = 500;

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
    [JsonPropertyName("userList"), Required, MaxLength(MaxUsers), JsonConverter(typeof(JsonArrayOrStringConverter<KitUser>))]
    public IReadOnlyList<KitUser> UserList { get; init; } = [];

    [JsonIgnore]
    public bool IsTest => TestFlag == KitTestFlags.Debug;

    /// <summary>Add and modify authorise the users, so they carry the full user.</summary>
    [JsonIgnore]
    public bool CarriesFullUsers => Flag is KitFlags.Add or KitFlags.Modify;

    public FieldError? CheckConditions()
    {
        for (var index = 0; CarriesFullUsers && index < UserList.Count; index++)
        {
            var user = UserList[index];
            if (ConditionalRules.FirstMissing(("name", user.Name), ("orgCode", user.OrgCode), ("role", user.Role), ("enable", user.Enable)) is { } missing)
            {
                return missing with { Field = $"userList[{index}].{missing.Field}" };
            }
        }

        return null;
    }
}

/// <summary>
/// An authSync user. The V1 example nests <c>entryDate</c>/<c>employeeType</c>/<c>workPlace</c> in
/// <c>extension</c>, the V2 table lists them flat (saas-v1-and-joint.md §9.7); the <c>Get…</c> methods read either.
/// </summary>
public sealed record KitUser
{
    [JsonPropertyName("userName"), Required, MaxLength(64)]
    public string UserName { get; init; } = string.Empty;

    [JsonPropertyName("name"), MaxLength(64)]
    public string? Name { get; init; }

    [JsonPropertyName("orgCode"), MaxLength(64)]
    public string? OrgCode { get; init; }

    [JsonPropertyName("position"), MaxLength(64)]
    public string? Position { get; init; }

    [JsonPropertyName("employeeCode"), MaxLength(64)]
    public string? EmployeeCode { get; init; }

    /// <summary>1 regular, 2 intern, 3 dispatched, 4 outsourced.</summary>
    [JsonPropertyName("employeeType")]
    public int? EmployeeType { get; init; }

    /// <summary>Mandatory on add and modify (<see cref="AuthSyncRequest.CheckConditions"/>), absent on delete and revoke.</summary>
    [JsonPropertyName("role"), MaxLength(32), AllowedValues(KitRoles.User, KitRoles.Admin)]
    public string? Role { get; init; }

    /// <summary>The strings <c>"true"</c>/<c>"false"</c>, not a JSON boolean (a boolean is tolerated).</summary>
    [JsonPropertyName("enable"), MaxLength(8), AllowedValues("true", "false")]
    public string? Enable { get; init; }

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

/// <summary>A delete carries only the keys: <c>orgName</c> is mandatory for add and modify.</summary>
public sealed record SingleOrgSyncRequest : IConditionalRules
{
    [JsonPropertyName("flag"), Required, AllowedValues(KitFlags.Delete, KitFlags.Add, KitFlags.Modify)]
    public int? Flag { get; init; }

    [JsonPropertyName("instanceId"), Required(AllowEmptyStrings = true), MaxLength(64)]
    public string InstanceId { get; init; } = string.Empty;

    /// <summary>Unique within the tenant.</summary>
    [JsonPropertyName("orgCode"), Required, MaxLength(64)]
    public string OrgCode { get; init; } = string.Empty;

    [JsonPropertyName("orgName"), MaxLength(128)]
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

    public FieldError? CheckConditions() => Flag == KitFlags.Delete ? null : ConditionalRules.FirstMissing(("orgName", OrgName));
}

/// <summary>V2 allOrgSync: the full, flat department list.</summary>
public sealed record AllOrgSyncRequest
{
    /// <summary>The most departments one call may replace the tree with.</summary>
    public const int MaxOrgs = 10_000;

    [JsonPropertyName("instanceId"), Required(AllowEmptyStrings = true), MaxLength(64)]
    public string InstanceId { get; init; } = string.Empty;

    /// <summary>The table says OrgInfo[], the doc example sends a string (with unquoted keys); both are read.</summary>
    [JsonPropertyName("orgInfoList"), Required, MaxLength(MaxOrgs), JsonConverter(typeof(JsonArrayOrStringConverter<OrgInfo>))]
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

/// <summary>A department; one the V1 way (<c>name</c> instead of <c>orgName</c>, saas-v1-and-joint.md §5.5) is read too.</summary>
public sealed record OrgInfo : IConditionalRules
{
    [JsonPropertyName("orgCode"), Required, MaxLength(64)]
    public string OrgCode { get; init; } = string.Empty;

    [JsonPropertyName("orgName"), MaxLength(128)]
    public string OrgName { get; init; } = string.Empty;

    [JsonPropertyName("parentCode"), MaxLength(64)]
    public string? ParentCode { get; init; }

    /// <summary>The V1 name of <c>orgName</c>.</summary>
    [JsonPropertyName("name"), MaxLength(128)]
    public string? Name { get; init; }

    /// <summary><c>orgName</c>, or the V1 <c>name</c> when that is what was sent.</summary>
    public string GetName() => OrgName is { Length: > 0 } ? OrgName : Name ?? string.Empty;

    public FieldError? CheckConditions() => ConditionalRules.FirstMissing(("orgName", GetName()));
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

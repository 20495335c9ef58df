using System.Text.Json;
using System.Text.Json.Serialization;

namespace KooGate.Client.Admin;

/// <summary>One page of a list and the number of rows the whole filtered list has.</summary>
public sealed record AdminPage<T>(IReadOnlyList<T> Items, int Total, int Skip, int Take);

/// <summary>Fields a newer server sends that this client does not know yet are kept here, so nothing is lost on re-serialising.</summary>
public abstract record AdminModel
{
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; init; }
}

/// <summary>A purchased instance (never its password).</summary>
public sealed record AdminInstance(
    string InstanceId,
    string OrderId,
    string OrderLineId,
    bool IsTest,
    string State,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? ExpireTime,
    string? ProductId,
    string? SkuCode,
    string? ChargingMode,
    string? FrontEndUrl,
    string? AdminUrl,
    string? UserName,
    string? Memo,
    string? FailureCode,
    string? FailureMessage) : AdminModel;

public sealed record AdminInstanceEvent(long Id, DateTimeOffset At, string Type, string? FromState, string? ToState, string? OrderId, string? Detail) : AdminModel;

/// <summary>An order as fetched from the marketplace's 查询订单 API.</summary>
public sealed record AdminOrder(
    string OrderId,
    string OrderLineId,
    string FetchStatus,
    int Attempts,
    string? LastError,
    string? OrderType,
    string? ProductId,
    string? SkuCode,
    string? ChargingMode,
    string? PeriodType,
    int? PeriodNumber,
    DateTimeOffset? ExpireTime,
    string? CustomerId,
    string? CustomerName,
    DateTimeOffset? FetchedAt) : AdminModel;

public sealed record AdminInstanceDetails(AdminInstance Instance, IReadOnlyList<AdminInstanceEvent> Events, IReadOnlyList<AdminOrder> Orders) : AdminModel
{
    /// <summary>The purchase as the marketplace knows it, with the buyer's contacts; null before anything about it is known.</summary>
    public AdminPurchase? Purchase { get; init; }
}

/// <summary>
/// An instance's current purchase. <see cref="MobilePhone"/> and <see cref="Email"/> are the buyer's contacts, stored
/// encrypted by KooGate and shown only here (never in events): keep them out of your logs too.
/// </summary>
public sealed record AdminPurchase(
    string? CustomerId,
    string? CustomerName,
    string? UserId,
    string? UserName,
    string? MobilePhone,
    string? Email,
    decimal? Quantity,
    string? PeriodType,
    int? PeriodNumber,
    bool Trial,
    string? OrderId,
    string? OrderLineId,
    DateTimeOffset? OrderCreateTime,
    IReadOnlyList<Events.ExtendParameter> ExtendParams,
    DateTimeOffset UpdatedAt) : AdminModel;

/// <summary>A webhook delivery (outbox message); <see cref="History"/> only when fetched one by one, newest attempt first.</summary>
public sealed record AdminDelivery(
    Guid Id,
    string Type,
    string? InstanceId,
    string Status,
    int Attempts,
    DateTimeOffset CreatedAt,
    DateTimeOffset NextAttemptAt,
    DateTimeOffset? DeliveredAt,
    string? LastError,
    string Payload,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    IReadOnlyList<AdminDeliveryAttempt>? History = null) : AdminModel;

/// <summary>
/// One delivery attempt: <see cref="StatusCode"/> is the receiver's answer (null: none came); <see cref="Outcome"/> is
/// Delivered, Retrying or Dead. <see cref="Attempt"/> restarts at 1 after a redelivery.
/// </summary>
public sealed record AdminDeliveryAttempt(int Attempt, DateTimeOffset StartedAt, double DurationMilliseconds, int? StatusCode, string? Error, string Outcome) : AdminModel;

/// <summary>One production-interface call as KooGate recorded it (secrets redacted).</summary>
public sealed record AdminCallback(
    long Id,
    DateTimeOffset ReceivedAt,
    string Family,
    string? Activity,
    string Method,
    string Path,
    string? Query,
    string? RequestBody,
    string ResultCode,
    string? ResponseBody,
    string Verdict,
    double ElapsedMilliseconds,
    string? InstanceId,
    string? OrderId,
    bool IsTest) : AdminModel;

/// <summary>A usage record the seller's app reported.</summary>
public sealed record AdminUsageEntry(string RecordId, string InstanceId, DateTimeOffset UsageTime, decimal Value, DateTimeOffset ReceivedAt, long? PeriodId) : AdminModel;

/// <summary>An hourly usage total and its push to the marketplace.</summary>
public sealed record AdminUsagePeriod(
    long Id,
    string InstanceId,
    DateTimeOffset BeginTime,
    DateTimeOffset EndTime,
    decimal Value,
    int EntryCount,
    string MeteringSn,
    string Status,
    int Attempts,
    DateTimeOffset NextAttemptAt,
    string? LastError,
    DateTimeOffset? PushedAt) : AdminModel;

/// <summary>A usage record to report; <see cref="RecordId"/> makes reporting idempotent.</summary>
public sealed record UsageRecord(string RecordId, string InstanceId, DateTimeOffset UsageTime, decimal Value);

/// <summary>What became of one reported record: accepted, duplicate, conflict or invalid.</summary>
public sealed record UsageRecordResult(string? RecordId, string Status, string? Error) : AdminModel;

public sealed record UsageReportResult(int Accepted, IReadOnlyList<UsageRecordResult> Results) : AdminModel;

/// <summary>A Kit tenant (tenantSync); the instance id is empty for a credential application.</summary>
public sealed record AdminTenant(
    string InstanceId, string TenantId, string? OrderId, string? TenantCode, string? Name, string? DomainName, bool Deleted, DateTimeOffset UpdatedAt) : AdminModel;

public sealed record AdminTenantApplication(string AppId, string? ClientId, bool HasClientSecret, bool Deleted, DateTimeOffset UpdatedAt) : AdminModel;

public sealed record AdminTenantUser(
    string AppId, string UserName, string? Name, string? OrgCode, string? Position, string? EmployeeCode, string? Role, bool Enabled, bool Authorized,
    string? Mobile, string? Email, bool Deleted, DateTimeOffset UpdatedAt) : AdminModel;

/// <summary>A department and its sub-departments.</summary>
public sealed record AdminOrg(string OrgCode, string? OrgName, string? ParentCode, bool Deleted, IReadOnlyList<AdminOrg> Children) : AdminModel;

public sealed record AdminTenantDetails(
    AdminTenant Tenant, IReadOnlyList<AdminTenantApplication> Applications, IReadOnlyList<AdminTenantUser> Users, IReadOnlyList<AdminOrg> Orgs) : AdminModel;

/// <summary>What the buyer receives when provisioning completes (saas-v2.md §3.2 AppInfo).</summary>
public sealed record CompleteProvisioning(string FrontEndUrl, string? AdminUrl = null, string? UserName = null, string? Password = null, string? Memo = null);

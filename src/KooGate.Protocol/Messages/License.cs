using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;
using KooGate.Protocol.Validation;

namespace KooGate.Protocol.Messages;

// License production interfaces (license-order-openapi.md): the legacy GET guide (§B, authToken + Body-Sign, built
// with FromQuery like SaaS V1), license-code 2.0 (§C.1, POST JSON signed like SaaS V2; properties in ordinal wire-name
// order) and getLicenseAsync of 在线开通License (§C.3). Replies are ProduceResponse except getLicense.

public sealed record GetLicenseRequest
{
    [JsonPropertyName("activity"), Required, MaxLength(20), AllowedValues(Activities.GetLicense)]
    public string Activity { get; init; } = Activities.GetLicense;

    [JsonPropertyName("authToken"), Required, MaxLength(50)]
    public string AuthToken { get; init; } = string.Empty;

    [JsonPropertyName("timeStamp"), Required, MaxLength(20), UtcDigitsTime]
    public string TimeStamp { get; init; } = string.Empty;

    [JsonPropertyName("customerId"), Required, MaxLength(100)]
    public string CustomerId { get; init; } = string.Empty;

    [JsonPropertyName("customerName"), MaxLength(64)]
    public string? CustomerName { get; init; }

    /// <summary>Different on every call, retries included.</summary>
    [JsonPropertyName("businessId"), Required, MaxLength(64)]
    public string BusinessId { get; init; } = string.Empty;

    [JsonPropertyName("orderId"), Required, MaxLength(64)]
    public string OrderId { get; init; } = string.Empty;

    [JsonPropertyName("skuCode"), MaxLength(64)]
    public string? SkuCode { get; init; }

    [JsonPropertyName("productId"), Required, MaxLength(64)]
    public string ProductId { get; init; } = string.Empty;

    [JsonPropertyName("expireTime"), MaxLength(20), UtcDigitsTime]
    public string? ExpireTime { get; init; }

    [JsonPropertyName("periodType"), MaxLength(10), AllowedValues(PeriodTypes.Year, PeriodTypes.Month)]
    public string? PeriodType { get; init; }

    [JsonPropertyName("periodNumber"), IntegerText(2)]
    public string? PeriodNumber { get; init; }

    [JsonPropertyName("amount"), IntegerText(7)]
    public string? Amount { get; init; }

    [JsonPropertyName("testFlag"), MaxLength(2)]
    public string? TestFlag { get; init; }

    [JsonIgnore]
    public bool IsTest => TestFlag == TestFlags.Debug;

    public static GetLicenseRequest FromQuery(IReadOnlyList<KeyValuePair<string, string?>> query) =>
        QueryBinder.Bind<GetLicenseRequest>(query);

    public IReadOnlyList<KeyValuePair<string, string?>> ToQuery() => QueryBinder.ToQuery(this);
}

public sealed record RefreshLicenseRequest
{
    [JsonPropertyName("activity"), Required, MaxLength(20), AllowedValues(Activities.RefreshLicense)]
    public string Activity { get; init; } = Activities.RefreshLicense;

    [JsonPropertyName("authToken"), Required, MaxLength(50)]
    public string AuthToken { get; init; } = string.Empty;

    [JsonPropertyName("timeStamp"), Required, MaxLength(20), UtcDigitsTime]
    public string TimeStamp { get; init; } = string.Empty;

    /// <summary>The renewal order, not the purchase order.</summary>
    [JsonPropertyName("orderId"), Required, MaxLength(64)]
    public string OrderId { get; init; } = string.Empty;

    [JsonPropertyName("instanceId"), Required, MaxLength(64)]
    public string InstanceId { get; init; } = string.Empty;

    [JsonPropertyName("productId"), MaxLength(64)]
    public string? ProductId { get; init; }

    [JsonPropertyName("expireTime"), Required, MaxLength(20), UtcDigitsTime]
    public string ExpireTime { get; init; } = string.Empty;

    [JsonPropertyName("periodType"), MaxLength(10), AllowedValues(PeriodTypes.Year, PeriodTypes.Month)]
    public string? PeriodType { get; init; }

    [JsonPropertyName("periodNumber"), IntegerText(2)]
    public string? PeriodNumber { get; init; }

    [JsonPropertyName("testFlag"), MaxLength(2)]
    public string? TestFlag { get; init; }

    [JsonIgnore]
    public bool IsTest => TestFlag == TestFlags.Debug;

    public static RefreshLicenseRequest FromQuery(IReadOnlyList<KeyValuePair<string, string?>> query) =>
        QueryBinder.Bind<RefreshLicenseRequest>(query);

    public IReadOnlyList<KeyValuePair<string, string?>> ToQuery() => QueryBinder.ToQuery(this);
}

/// <summary>The expireLicense page was not retrieved; shaped like SaaS V1 expireInstance (§B.3).</summary>
public sealed record ExpireLicenseRequest
{
    [JsonPropertyName("activity"), Required, MaxLength(20), AllowedValues(Activities.ExpireLicense)]
    public string Activity { get; init; } = Activities.ExpireLicense;

    [JsonPropertyName("authToken"), Required, MaxLength(50)]
    public string AuthToken { get; init; } = string.Empty;

    [JsonPropertyName("timeStamp"), Required, MaxLength(20), UtcDigitsTime]
    public string TimeStamp { get; init; } = string.Empty;

    [JsonPropertyName("instanceId"), Required, MaxLength(64)]
    public string InstanceId { get; init; } = string.Empty;

    [JsonPropertyName("orderId"), MaxLength(64)]
    public string? OrderId { get; init; }

    [JsonPropertyName("testFlag"), MaxLength(2)]
    public string? TestFlag { get; init; }

    [JsonIgnore]
    public bool IsTest => TestFlag == TestFlags.Debug;

    public static ExpireLicenseRequest FromQuery(IReadOnlyList<KeyValuePair<string, string?>> query) =>
        QueryBinder.Bind<ExpireLicenseRequest>(query);

    public IReadOnlyList<KeyValuePair<string, string?>> ToQuery() => QueryBinder.ToQuery(this);
}

public sealed record ReleaseLicenseRequest
{
    [JsonPropertyName("activity"), Required, MaxLength(20), AllowedValues(Activities.ReleaseLicense)]
    public string Activity { get; init; } = Activities.ReleaseLicense;

    [JsonPropertyName("authToken"), Required, MaxLength(50)]
    public string AuthToken { get; init; } = string.Empty;

    [JsonPropertyName("timeStamp"), Required, MaxLength(20), UtcDigitsTime]
    public string TimeStamp { get; init; } = string.Empty;

    [JsonPropertyName("instanceId"), Required, MaxLength(64)]
    public string InstanceId { get; init; } = string.Empty;

    /// <summary>The original purchase order.</summary>
    [JsonPropertyName("orderId"), Required, MaxLength(64)]
    public string OrderId { get; init; } = string.Empty;

    [JsonPropertyName("testFlag"), MaxLength(2)]
    public string? TestFlag { get; init; }

    [JsonIgnore]
    public bool IsTest => TestFlag == TestFlags.Debug;

    public static ReleaseLicenseRequest FromQuery(IReadOnlyList<KeyValuePair<string, string?>> query) =>
        QueryBinder.Bind<ReleaseLicenseRequest>(query);

    public IReadOnlyList<KeyValuePair<string, string?>> ToQuery() => QueryBinder.ToQuery(this);
}

/// <summary>getLicense reply: the same instanceId and license for every retry of an order (§B.1).</summary>
public sealed record GetLicenseResponse : IProduceResponse<GetLicenseResponse>
{
    [JsonPropertyName("resultCode"), Required, ResultCodeFormat]
    public string ResultCode { get; init; } = string.Empty;

    [JsonPropertyName("resultMsg"), MaxLength(255)]
    public string? ResultMsg { get; init; }

    public GetLicenseResponse WithResult(ResultCode code) => this with { ResultCode = code.Code, ResultMsg = code.Message };

    [JsonPropertyName("instanceId"), Required, MaxLength(64)]
    public string InstanceId { get; init; } = string.Empty;

    [JsonPropertyName("license"), Required]
    public string License { get; init; } = string.Empty;

    public static GetLicenseResponse From(ResultCode code, string instanceId, string license) =>
        new() { ResultCode = code.Code, ResultMsg = code.Message, InstanceId = instanceId, License = license };
}

public sealed record RefreshLicenseCodeRequest
{
    [JsonPropertyName("activity"), Required, MaxLength(20), AllowedValues(Activities.RefreshLicenseCode)]
    public string Activity { get; init; } = Activities.RefreshLicenseCode;

    [JsonPropertyName("expireTime"), Required, MaxLength(20), UtcDigitsTime]
    public string ExpireTime { get; init; } = string.Empty;

    [JsonPropertyName("license"), Required, MaxLength(64)]
    public string License { get; init; } = string.Empty;

    [JsonPropertyName("orderId"), Required, MaxLength(64)]
    public string OrderId { get; init; } = string.Empty;

    [JsonPropertyName("orderLineId"), Required, MaxLength(64)]
    public string OrderLineId { get; init; } = string.Empty;

    [JsonPropertyName("productId"), MaxLength(64)]
    public string? ProductId { get; init; }

    [JsonPropertyName("scene"), Required, MaxLength(64), AllowedValues(RefreshScenes.Renewal, RefreshScenes.UnsubscribeRenewalPeriod)]
    public string Scene { get; init; } = string.Empty;

    [JsonPropertyName("testFlag"), MaxLength(2)]
    public string? TestFlag { get; init; }

    [JsonIgnore]
    public bool IsTest => TestFlag == TestFlags.Debug;

    public bool TryGetExpireTime(out DateTimeOffset expireTime) => KooTime.TryParseUtcDigits(ExpireTime, out expireTime);
}

public sealed record UpdateLicenseCodeStatusRequest
{
    [JsonPropertyName("activity"), Required, MaxLength(32), AllowedValues(Activities.UpdateLicenseCodeStatus)]
    public string Activity { get; init; } = Activities.UpdateLicenseCodeStatus;

    [JsonPropertyName("license"), Required, MaxLength(64)]
    public string License { get; init; } = string.Empty;

    [JsonPropertyName("status"), Required, MaxLength(32), AllowedValues(InstanceStatuses.Freeze, InstanceStatuses.Unfreeze)]
    public string Status { get; init; } = string.Empty;

    [JsonPropertyName("testFlag"), MaxLength(2)]
    public string? TestFlag { get; init; }

    [JsonIgnore]
    public bool IsTest => TestFlag == TestFlags.Debug;
}

public sealed record ReleaseLicenseCodeRequest
{
    [JsonPropertyName("activity"), Required, MaxLength(32), AllowedValues(Activities.ReleaseLicenseCode)]
    public string Activity { get; init; } = Activities.ReleaseLicenseCode;

    [JsonPropertyName("license"), Required, MaxLength(64)]
    public string License { get; init; } = string.Empty;

    /// <summary>The unsubscribe order, only when an unsubscription caused the release.</summary>
    [JsonPropertyName("orderId"), MaxLength(64)]
    public string? OrderId { get; init; }

    [JsonPropertyName("orderLineId"), MaxLength(64)]
    public string? OrderLineId { get; init; }

    [JsonPropertyName("testFlag"), MaxLength(2)]
    public string? TestFlag { get; init; }

    [JsonIgnore]
    public bool IsTest => TestFlag == TestFlags.Debug;
}

/// <summary>
/// 异步申请License (§C.3): answer <c>000000</c> or <c>000004</c>, then deliver the license for <c>eventId</c> through
/// the string/file upload API. The same request (eventId + deviceFingerprint) must get the same license.
/// </summary>
public sealed record GetLicenseAsyncRequest
{
    [JsonPropertyName("activity"), Required, MaxLength(32), AllowedValues(Activities.GetLicenseAsync)]
    public string Activity { get; init; } = Activities.GetLicenseAsync;

    /// <summary><c>macAddr|diskId|boardId|cpuId</c>, upper case.</summary>
    [JsonPropertyName("deviceFingerprint"), MaxLength(1024)]
    public string? DeviceFingerprint { get; init; }

    /// <summary>UTC, documented as e.g. <c>2023-10-27 10:30:15 z</c>; kept as text.</summary>
    [JsonPropertyName("effectiveTime"), Required, MaxLength(32)]
    public string EffectiveTime { get; init; } = string.Empty;

    [JsonPropertyName("eventId"), Required, MaxLength(64)]
    public string EventId { get; init; } = string.Empty;

    /// <summary>Required for periodic licenses (result code 000902 otherwise).</summary>
    [JsonPropertyName("expireTime"), MaxLength(32)]
    public string? ExpireTime { get; init; }

    [JsonPropertyName("instanceId"), Required, MaxLength(64)]
    public string InstanceId { get; init; } = string.Empty;

    [JsonPropertyName("testFlag"), MaxLength(2)]
    public string? TestFlag { get; init; }

    [JsonIgnore]
    public bool IsTest => TestFlag == TestFlags.Debug;
}

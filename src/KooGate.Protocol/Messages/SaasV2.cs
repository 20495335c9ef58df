using System.ComponentModel.DataAnnotations;
using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Serialization;
using KooGate.Protocol.Validation;

namespace KooGate.Protocol.Messages;

// SaaS V2 basic interfaces (saas-v2.md §3): POST JSON, every value a JSON string. Request properties are declared in
// ordinal order of their wire names, so a serialised request already has the sorted top-level keys that are signed
// (saas-v2.md §2.2). Mandatory fields carry [Required]; when parsed they are null until validated.

/// <summary><c>refreshInstance.scene</c> (saas-v2.md §3.3); the license-code 2.0 refresh uses the first two.</summary>
public static class RefreshScenes
{
    public const string Renewal = "RENEWAL";
    public const string UnsubscribeRenewalPeriod = "UNSUBSCRIBE_RENEWAL_PERIOD";
    public const string TrialToFormal = "TRIAL_TO_FORMAL";
    public const string RenewalChange = "RENEWAL_CHANGE";
}

/// <summary><c>updateInstanceStatus.status</c> and <c>updateLicenseCodeStatus.status</c>.</summary>
public static class InstanceStatuses
{
    public const string Freeze = "FREEZE";
    public const string Unfreeze = "UNFREEZE";
}

/// <summary><c>testFlag</c> of the V2 basic interfaces: <c>"1"</c> is a debug call; real calls omit it or send <c>"0"</c>.</summary>
public static class TestFlags
{
    public const string Debug = "1";
    public const string Real = "0";
}

/// <summary>Every production-interface reply carries these two fields (README decision 11).</summary>
public interface IProduceResponse
{
    string ResultCode { get; }

    string? ResultMsg { get; }
}

/// <summary>A reply record that can carry any result code: the server stamps the call's code on the typed body it writes.</summary>
public interface IProduceResponse<out TSelf> : IProduceResponse
    where TSelf : IProduceResponse
{
    TSelf WithResult(ResultCode code);
}

public sealed record NewInstanceRequest
{
    [JsonPropertyName("activity"), Required, MaxLength(20), AllowedValues(Activities.NewInstance)]
    public string Activity { get; init; } = Activities.NewInstance;

    /// <summary>Different on every call, retries included (saas-v2.md §1.7).</summary>
    [JsonPropertyName("businessId"), Required, MaxLength(64)]
    public string BusinessId { get; init; } = string.Empty;

    [JsonPropertyName("orderId"), Required, MaxLength(64)]
    public string OrderId { get; init; } = string.Empty;

    [JsonPropertyName("orderLineId"), Required, MaxLength(64)]
    public string OrderLineId { get; init; } = string.Empty;

    [JsonPropertyName("testFlag"), MaxLength(2)]
    public string? TestFlag { get; init; }

    [JsonIgnore]
    public bool IsTest => TestFlag == TestFlags.Debug;
}

public sealed record QueryInstanceRequest
{
    [JsonPropertyName("activity"), Required, MaxLength(20), AllowedValues(Activities.QueryInstance)]
    public string Activity { get; init; } = Activities.QueryInstance;

    [JsonPropertyName("instanceId"), Required, InstanceIdList]
    public string InstanceId { get; init; } = string.Empty;

    [JsonPropertyName("testFlag"), MaxLength(2)]
    public string? TestFlag { get; init; }

    [JsonIgnore]
    public bool IsTest => TestFlag == TestFlags.Debug;

    public IReadOnlyList<string> GetInstanceIds() => InstanceIdList.Split(InstanceId);
}

public sealed record RefreshInstanceRequest
{
    [JsonPropertyName("activity"), Required, MaxLength(20), AllowedValues(Activities.RefreshInstance)]
    public string Activity { get; init; } = Activities.RefreshInstance;

    /// <summary>The table says 14 digits, the doc example sends 17 (saas-v2.md §3.3); both are accepted.</summary>
    [JsonPropertyName("expireTime"), Required, MaxLength(20), UtcDigitsTime]
    public string ExpireTime { get; init; } = string.Empty;

    [JsonPropertyName("instanceId"), Required, MaxLength(64)]
    public string InstanceId { get; init; } = string.Empty;

    [JsonPropertyName("orderId"), Required, MaxLength(64)]
    public string OrderId { get; init; } = string.Empty;

    [JsonPropertyName("orderLineId"), Required, MaxLength(64)]
    public string OrderLineId { get; init; } = string.Empty;

    /// <summary>Present when the period type changed (monthly to yearly).</summary>
    [JsonPropertyName("productId"), MaxLength(64)]
    public string? ProductId { get; init; }

    [JsonPropertyName("scene"), Required, MaxLength(64),
     AllowedValues(RefreshScenes.TrialToFormal, RefreshScenes.Renewal, RefreshScenes.UnsubscribeRenewalPeriod, RefreshScenes.RenewalChange)]
    public string Scene { get; init; } = string.Empty;

    [JsonPropertyName("testFlag"), MaxLength(2)]
    public string? TestFlag { get; init; }

    [JsonIgnore]
    public bool IsTest => TestFlag == TestFlags.Debug;

    public bool TryGetExpireTime(out DateTimeOffset expireTime) => KooTime.TryParseUtcDigits(ExpireTime, out expireTime);
}

public sealed record UpdateInstanceStatusRequest
{
    [JsonPropertyName("activity"), Required, MaxLength(32), AllowedValues(Activities.UpdateInstanceStatus)]
    public string Activity { get; init; } = Activities.UpdateInstanceStatus;

    [JsonPropertyName("instanceId"), Required, MaxLength(64)]
    public string InstanceId { get; init; } = string.Empty;

    [JsonPropertyName("status"), Required, MaxLength(32), AllowedValues(InstanceStatuses.Freeze, InstanceStatuses.Unfreeze)]
    public string Status { get; init; } = string.Empty;

    [JsonPropertyName("testFlag"), MaxLength(2)]
    public string? TestFlag { get; init; }

    [JsonIgnore]
    public bool IsTest => TestFlag == TestFlags.Debug;
}

public sealed record ReleaseInstanceRequest
{
    [JsonPropertyName("activity"), Required, MaxLength(32), AllowedValues(Activities.ReleaseInstance)]
    public string Activity { get; init; } = Activities.ReleaseInstance;

    [JsonPropertyName("instanceId"), Required, MaxLength(64)]
    public string InstanceId { get; init; } = string.Empty;

    /// <summary>The unsubscribe order, present only when an unsubscription caused the release.</summary>
    [JsonPropertyName("orderId"), MaxLength(64)]
    public string? OrderId { get; init; }

    [JsonPropertyName("orderLineId"), MaxLength(64)]
    public string? OrderLineId { get; init; }

    [JsonPropertyName("testFlag"), MaxLength(2)]
    public string? TestFlag { get; init; }

    [JsonIgnore]
    public bool IsTest => TestFlag == TestFlags.Debug;
}

public sealed record UpgradeInstanceRequest
{
    [JsonPropertyName("activity"), Required, MaxLength(32), AllowedValues(Activities.UpgradeInstance)]
    public string Activity { get; init; } = Activities.UpgradeInstance;

    [JsonPropertyName("instanceId"), Required, MaxLength(64)]
    public string InstanceId { get; init; } = string.Empty;

    /// <summary>The new (upgrade) order.</summary>
    [JsonPropertyName("orderId"), Required, MaxLength(64)]
    public string OrderId { get; init; } = string.Empty;

    [JsonPropertyName("orderLineId"), Required, MaxLength(64)]
    public string OrderLineId { get; init; } = string.Empty;

    [JsonPropertyName("testFlag"), MaxLength(2)]
    public string? TestFlag { get; init; }

    [JsonIgnore]
    public bool IsTest => TestFlag == TestFlags.Debug;
}

public sealed record ChangeInstanceCheckRequest
{
    [JsonPropertyName("activity"), Required, MaxLength(32), AllowedValues(Activities.ChangeInstanceCheck)]
    public string Activity { get; init; } = Activities.ChangeInstanceCheck;

    [JsonPropertyName("instanceId"), Required, MaxLength(64)]
    public string InstanceId { get; init; } = string.Empty;

    /// <summary>
    /// The target product, kept as received: the only non-string V2 basic value, which may also arrive as a JSON
    /// string holding the object (saas-v2.md §3.7). Read it with <see cref="TryGetProductInfo"/>.
    /// </summary>
    [JsonPropertyName("productInfo"), Required, JsonObjectOrString]
    public JsonElement? ProductInfo { get; init; }

    [JsonPropertyName("testFlag"), MaxLength(2)]
    public string? TestFlag { get; init; }

    [JsonIgnore]
    public bool IsTest => TestFlag == TestFlags.Debug;

    public bool TryGetProductInfo([NotNullWhen(true)] out ChangeProductInfo? productInfo) =>
        EmbeddedJson.TryDeserializeObject(ProductInfo, KooJsonContext.Default.ChangeProductInfo, out productInfo);
}

/// <summary>
/// <c>changeInstanceCheck.productInfo</c>; its structure is not documented (saas-v2.md §8), so every field is optional
/// and anything else is kept in <see cref="ExtensionData"/>.
/// </summary>
public sealed record ChangeProductInfo
{
    [JsonPropertyName("linearValue")]
    public decimal? LinearValue { get; init; }

    [JsonPropertyName("productId"), MaxLength(64)]
    public string? ProductId { get; init; }

    [JsonPropertyName("skuCode"), MaxLength(64)]
    public string? SkuCode { get; init; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? ExtensionData { get; set; }

    public JsonElement ToJsonElement() => JsonSerializer.SerializeToElement(this, KooJsonContext.Default.ChangeProductInfo);
}

/// <summary>订单通知 (license-order-openapi.md §D.1), signed with the key bound to 通用接口.</summary>
public sealed record OrderNotifyRequest
{
    [JsonPropertyName("activity"), Required, MaxLength(20), AllowedValues(Activities.OrderNotify)]
    public string Activity { get; init; } = Activities.OrderNotify;

    [JsonPropertyName("orderId"), Required, MaxLength(64)]
    public string OrderId { get; init; } = string.Empty;

    [JsonPropertyName("orderLineId"), Required, MaxLength(64)]
    public string OrderLineId { get; init; } = string.Empty;

    /// <summary>The table marks it mandatory with default <c>0</c>; a missing flag is read as a real call.</summary>
    [JsonPropertyName("testFlag"), MaxLength(2)]
    public string? TestFlag { get; init; }

    [JsonIgnore]
    public bool IsTest => TestFlag == TestFlags.Debug;
}

/// <summary>The reply of every activity that returns nothing beyond the result.</summary>
public sealed record ProduceResponse : IProduceResponse<ProduceResponse>
{
    [JsonPropertyName("resultCode"), Required, ResultCodeFormat]
    public string ResultCode { get; init; } = string.Empty;

    [JsonPropertyName("resultMsg"), MaxLength(255)]
    public string? ResultMsg { get; init; }

    public ProduceResponse WithResult(ResultCode code) => this with { ResultCode = code.Code, ResultMsg = code.Message };

    public static ProduceResponse From(ResultCode code) => new() { ResultCode = code.Code, ResultMsg = code.Message };
}

/// <summary>
/// newInstance reply, V2 and V1. <c>encryptType</c> and AES-encrypted <c>appInfo</c> credentials are V1 features
/// (saas-v2.md §2.5); V2 answers only <c>instanceId</c> and reports app info through queryInstance.
/// </summary>
public sealed record NewInstanceResponse : IProduceResponse<NewInstanceResponse>
{
    [JsonPropertyName("resultCode"), Required, ResultCodeFormat]
    public string ResultCode { get; init; } = string.Empty;

    [JsonPropertyName("resultMsg"), MaxLength(255)]
    public string? ResultMsg { get; init; }

    public NewInstanceResponse WithResult(ResultCode code) => this with { ResultCode = code.Code, ResultMsg = code.Message };

    [JsonPropertyName("encryptType"), MaxLength(3), AllowedValues(EncryptTypes.Aes256, EncryptTypes.Aes128)]
    public string? EncryptType { get; init; }

    [JsonPropertyName("instanceId"), Required, MaxLength(64)]
    public string InstanceId { get; init; } = string.Empty;

    [JsonPropertyName("appInfo")]
    public AppInfo? AppInfo { get; init; }

    public static NewInstanceResponse From(ResultCode code, string instanceId) =>
        new() { ResultCode = code.Code, ResultMsg = code.Message, InstanceId = instanceId };
}

/// <summary>queryInstance reply, V2 and V1 (V1 may add <c>encryptType</c>).</summary>
public sealed record QueryInstanceResponse : IProduceResponse<QueryInstanceResponse>
{
    [JsonPropertyName("resultCode"), Required, ResultCodeFormat]
    public string ResultCode { get; init; } = string.Empty;

    [JsonPropertyName("resultMsg"), MaxLength(255)]
    public string? ResultMsg { get; init; }

    public QueryInstanceResponse WithResult(ResultCode code) => this with { ResultCode = code.Code, ResultMsg = code.Message };

    [JsonPropertyName("encryptType"), MaxLength(3), AllowedValues(EncryptTypes.Aes256, EncryptTypes.Aes128)]
    public string? EncryptType { get; init; }

    [JsonPropertyName("info")]
    public IReadOnlyList<InstanceInfo>? Info { get; init; }

    public static QueryInstanceResponse From(ResultCode code, IReadOnlyList<InstanceInfo>? info = null) =>
        new() { ResultCode = code.Code, ResultMsg = code.Message, Info = info };
}

public sealed record InstanceInfo
{
    [JsonPropertyName("instanceId"), Required, MaxLength(64)]
    public string InstanceId { get; init; } = string.Empty;

    [JsonPropertyName("appInfo")]
    public AppInfo? AppInfo { get; init; }

    /// <summary>Required for on-demand and on-demand-package instances; one entry per fee item of a package.</summary>
    [JsonPropertyName("usageInfo")]
    public IReadOnlyList<UsageInfo>? UsageInfo { get; init; }
}

/// <summary>
/// How the buyer reaches the service. Non-ASCII in <c>memo</c> goes out as <c>\uXXXX</c> (saas-v2.md §2.5), which is
/// what the default System.Text.Json encoder writes.
/// </summary>
public sealed record AppInfo
{
    [JsonPropertyName("frontEndUrl"), Required, MaxLength(512)]
    public string FrontEndUrl { get; init; } = string.Empty;

    [JsonPropertyName("adminUrl"), MaxLength(512)]
    public string? AdminUrl { get; init; }

    /// <summary>Plain in V2; in V1 <c>iv + Base64(AES)</c>, and the 128-character limit includes the IV.</summary>
    [JsonPropertyName("userName"), MaxLength(128)]
    public string? UserName { get; init; }

    [JsonPropertyName("password"), MaxLength(128)]
    public string? Password { get; init; }

    [JsonPropertyName("memo"), MaxLength(1024)]
    public string? Memo { get; init; }
}

public sealed record UsageInfo
{
    /// <summary>For packages: the on-demand instance the usage belongs to.</summary>
    [JsonPropertyName("relatedInstanceId"), MaxLength(64)]
    public string? RelatedInstanceId { get; init; }

    /// <summary>Double(12,4): cumulative for on-demand, used amount for packages.</summary>
    [JsonPropertyName("usageValue"), Required, DecimalPrecision(12, 4)]
    public decimal? UsageValue { get; init; }

    /// <summary>UTC <c>yyyyMMddHHmmssSSS</c>.</summary>
    [JsonPropertyName("statisticalTime"), Required, MaxLength(20), UtcDigitsTime]
    public string StatisticalTime { get; init; } = string.Empty;

    [JsonPropertyName("dashboardUrl"), MaxLength(512)]
    public string? DashboardUrl { get; init; }
}

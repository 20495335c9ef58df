using System.ComponentModel.DataAnnotations;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using KooGate.Protocol.Validation;

namespace KooGate.Protocol.Messages;

// Marketplace open APIs the seller calls (license-order-openapi.md §C.2, §D.2; saas-v1-and-joint.md §6). Responses
// are parsed tolerantly: fields the docs do not list are kept in ExtensionData, and enum-like values stay strings.

public static class OrderTypes
{
    public const string New = "NEW";
    public const string Trial = "TRIAL";
    public const string TrialToFormal = "TRIAL_TO_FORMAL";
    public const string Unsubscribe = "UNSUBSCRIBE";
    public const string Renew = "RENEW";
    public const string Change = "CHANGE";
}

/// <summary>查询订单 <c>chargingMode</c> (the V1 GET interface uses digits; see <see cref="V1ChargingModes"/>).</summary>
public static class ChargingModes
{
    public const string OnDemand = "ON_DEMAND";
    public const string OneTime = "ONE_TIME";
    public const string Period = "PERIOD";
    public const string OnDemandPackage = "ON_DEMAND_PKG";
}

public static class LicenseStatuses
{
    public const string Alive = "ALIVE";
    public const string Expired = "EXPIRED";
    public const string Released = "RELEASED";
}

/// <summary>Success and notable codes of the open APIs (handle by code first, HTTP status second).</summary>
public static class OpenApiCodes
{
    /// <summary>查询订单 and usage push.</summary>
    public const string MarketplaceSuccess = "MKT.0000";

    public const string LicenseSuccess = "92020000";

    /// <summary>Activating twice; the client should treat it as already activated (§C.2.1).</summary>
    public const string LicenseAlreadyActivated = "92020003";
}

/// <summary>A <c>{name, value}</c> pair: 查询订单 <c>extendParams</c> and V1 <c>saasExtendParams</c>.</summary>
public sealed record ExtendParam
{
    [JsonPropertyName("name")]
    public string? Name { get; init; }

    [JsonPropertyName("value")]
    public string? Value { get; init; }
}

/// <summary>查询订单 reply (§D.2).</summary>
public sealed record QueryOrderResponse
{
    [JsonPropertyName("resultCode"), Required, MaxLength(16)]
    public string ResultCode { get; init; } = string.Empty;

    [JsonPropertyName("resultMsg"), MaxLength(1024)]
    public string? ResultMsg { get; init; }

    [JsonPropertyName("orderInfo")]
    public OrderInfo? OrderInfo { get; init; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? ExtensionData { get; set; }

    [JsonIgnore]
    public bool IsSuccess => ResultCode == OpenApiCodes.MarketplaceSuccess;
}

public sealed record OrderInfo
{
    [JsonPropertyName("orderId"), Required, MaxLength(64)]
    public string OrderId { get; init; } = string.Empty;

    [JsonPropertyName("orderType"), Required, MaxLength(32)]
    public string OrderType { get; init; } = string.Empty;

    /// <summary>Order placement (not effective) time, UTC <c>yyyyMMddHHmmss</c>.</summary>
    [JsonPropertyName("createTime"), Required, MaxLength(20)]
    public string CreateTime { get; init; } = string.Empty;

    [JsonPropertyName("orderLine"), Required]
    public IReadOnlyList<OrderLine> OrderLine { get; init; } = [];

    [JsonPropertyName("buyerInfo")]
    public BuyerInfo? BuyerInfo { get; init; }

    [JsonPropertyName("extendParams")]
    public IReadOnlyList<ExtendParam>? ExtendParams { get; init; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? ExtensionData { get; set; }
}

/// <summary>Only part of the OrderLine table could be read (§D.2); the rest lands in <see cref="ExtensionData"/>.</summary>
public sealed record OrderLine
{
    [JsonPropertyName("orderLineId"), Required, MaxLength(64)]
    public string OrderLineId { get; init; } = string.Empty;

    [JsonPropertyName("chargingMode"), Required, MaxLength(25)]
    public string ChargingMode { get; init; } = string.Empty;

    [JsonPropertyName("expireTime"), MaxLength(20)]
    public string? ExpireTime { get; init; }

    [JsonPropertyName("periodType")]
    public string? PeriodType { get; init; }

    [JsonPropertyName("periodNumber")]
    public int? PeriodNumber { get; init; }

    [JsonPropertyName("productInfo")]
    public IReadOnlyList<OrderProductInfo>? ProductInfo { get; init; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? ExtensionData { get; set; }
}

public sealed record OrderProductInfo
{
    [JsonPropertyName("skuCode")]
    public string? SkuCode { get; init; }

    [JsonPropertyName("productId")]
    public string? ProductId { get; init; }

    [JsonPropertyName("linearValue")]
    public decimal? LinearValue { get; init; }

    [JsonPropertyName("productName")]
    public string? ProductName { get; init; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? ExtensionData { get; set; }
}

public sealed record BuyerInfo
{
    [JsonPropertyName("customerId")]
    public string? CustomerId { get; init; }

    [JsonPropertyName("customerName")]
    public string? CustomerName { get; init; }

    [JsonPropertyName("userId")]
    public string? UserId { get; init; }

    [JsonPropertyName("userName")]
    public string? UserName { get; init; }

    [JsonPropertyName("mobilePhone")]
    public string? MobilePhone { get; init; }

    [JsonPropertyName("email")]
    public string? Email { get; init; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? ExtensionData { get; set; }
}

/// <summary>The <c>{error_code, error_msg}</c> envelope alone: usage push and the v2 (batch) activate.</summary>
public sealed record OpenApiResponse
{
    [JsonPropertyName("error_code"), Required, MaxLength(16)]
    public string ErrorCode { get; init; } = string.Empty;

    [JsonPropertyName("error_msg"), MaxLength(1024)]
    public string? ErrorMsg { get; init; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? ExtensionData { get; set; }
}

/// <summary>激活授权码 v1 (§C.2.1).</summary>
public sealed record LicenseActivateRequest
{
    [JsonPropertyName("license"), Required, MaxLength(64)]
    public string License { get; init; } = string.Empty;

    /// <summary>UTC <c>yyyyMMddHHmmss</c>, not earlier than the order time.</summary>
    [JsonPropertyName("real_effect_time"), MaxLength(16), UtcDigitsTime]
    public string? RealEffectTime { get; init; }
}

/// <summary>激活授权码 v2: up to 100 codes; answered with <see cref="OpenApiResponse"/>.</summary>
public sealed record LicenseActivateV2Request
{
    [JsonPropertyName("license_list"), Required, MinLength(1), MaxLength(100)]
    public IReadOnlyList<string> LicenseList { get; init; } = [];

    [JsonPropertyName("real_effect_time"), MaxLength(16), UtcDigitsTime]
    public string? RealEffectTime { get; init; }
}

public sealed record LicenseActivateResponse
{
    [JsonPropertyName("error_code"), Required, MaxLength(16)]
    public string ErrorCode { get; init; } = string.Empty;

    [JsonPropertyName("error_msg"), MaxLength(1024)]
    public string? ErrorMsg { get; init; }

    [JsonPropertyName("data")]
    public LicenseActivateData? Data { get; init; }

    [JsonIgnore]
    public bool IsSuccess => ErrorCode == OpenApiCodes.LicenseSuccess;
}

public sealed record LicenseActivateData
{
    /// <summary>A JSON document inside a JSON string; read it with <see cref="TryGetLicenseCodeInfo"/>.</summary>
    [JsonPropertyName("license_code_info"), Required, MaxLength(1024)]
    public string LicenseCodeInfo { get; init; } = string.Empty;

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? ExtensionData { get; set; }

    public bool TryGetLicenseCodeInfo([NotNullWhen(true)] out LicenseCodeInfo? info) =>
        EmbeddedJson.TryDeserializeObject(LicenseCodeInfo, KooJsonContext.Default.LicenseCodeInfo, out info);

    public static LicenseActivateData From(LicenseCodeInfo info) =>
        new() { LicenseCodeInfo = JsonSerializer.Serialize(info, KooJsonContext.Default.LicenseCodeInfo) };
}

/// <summary>The content of <c>license_code_info</c>; <c>expire_time</c> is an estimate, the heartbeat is authoritative.</summary>
public sealed record LicenseCodeInfo
{
    [JsonPropertyName("status")]
    public string? Status { get; init; }

    [JsonPropertyName("expire_time")]
    public string? ExpireTime { get; init; }

    [JsonPropertyName("product_id")]
    public string? ProductId { get; init; }

    [JsonPropertyName("amount")]
    public decimal? Amount { get; init; }

    [JsonPropertyName("order_id")]
    public string? OrderId { get; init; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? ExtensionData { get; set; }
}

/// <summary>授权码心跳检测 v1 (§C.2.2).</summary>
public sealed record LicenseHeartbeatRequest
{
    /// <summary>Sunset, kept for existing integrations.</summary>
    [JsonPropertyName("heartbeatInfo")]
    public HeartbeatInfo? HeartbeatInfo { get; init; }

    [JsonPropertyName("license"), Required, MaxLength(64)]
    public string License { get; init; } = string.Empty;
}

public sealed record HeartbeatInfo
{
    [JsonPropertyName("ip"), MaxLength(32)]
    public string? Ip { get; init; }

    [JsonPropertyName("thirdPartyAccount"), Required, MaxLength(256)]
    public string ThirdPartyAccount { get; init; } = string.Empty;
}

public sealed record LicenseHeartbeatResponse
{
    [JsonPropertyName("error_code"), Required, MaxLength(16)]
    public string ErrorCode { get; init; } = string.Empty;

    [JsonPropertyName("error_msg"), MaxLength(1024)]
    public string? ErrorMsg { get; init; }

    [JsonPropertyName("data")]
    public LicenseInfo? Data { get; init; }

    [JsonIgnore]
    public bool IsSuccess => ErrorCode == OpenApiCodes.LicenseSuccess;
}

public sealed record LicenseInfo
{
    [JsonPropertyName("license_code"), Required, MaxLength(64)]
    public string LicenseCode { get; init; } = string.Empty;

    [JsonPropertyName("status"), Required, MaxLength(10)]
    public string Status { get; init; } = string.Empty;

    [JsonPropertyName("activate_time")]
    public string? ActivateTime { get; init; }

    [JsonPropertyName("expire_time")]
    public string? ExpireTime { get; init; }

    [JsonPropertyName("product_id")]
    public string? ProductId { get; init; }

    [JsonPropertyName("order_id")]
    public string? OrderId { get; init; }

    [JsonPropertyName("amount")]
    public decimal? Amount { get; init; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? ExtensionData { get; set; }
}

/// <summary>按需使用量推送(新); answered with <see cref="OpenApiResponse"/>.</summary>
public sealed record UsagePushRequest
{
    [JsonPropertyName("usage_records"), Required, MinLength(1), MaxLength(1000)]
    public IReadOnlyList<UsageRecord> UsageRecords { get; init; } = [];
}

/// <summary>
/// One SDR. The signature covers the exact body and the body must be key-sorted at every level
/// (saas-v1-and-joint.md §2.7), so the properties below are declared in ordinal order of their wire names.
/// </summary>
public sealed record UsageRecord
{
    [JsonPropertyName("begin_time"), Required, MaxLength(17), SdkDateTime]
    public string BeginTime { get; init; } = string.Empty;

    [JsonPropertyName("end_time"), Required, MaxLength(17), SdkDateTime]
    public string EndTime { get; init; } = string.Empty;

    [JsonPropertyName("instance_id"), Required, MaxLength(64)]
    public string InstanceId { get; init; } = string.Empty;

    /// <summary>The seller's unique SDR id; keep it deterministic so a retried window is deduplicated.</summary>
    [JsonPropertyName("metering_sn"), Required, MaxLength(64)]
    public string MeteringSn { get; init; } = string.Empty;

    [JsonPropertyName("record_time"), Required, MaxLength(17), SdkDateTime]
    public string RecordTime { get; init; } = string.Empty;

    /// <summary>The deduction package the usage draws from (mandatory for 用完即停 packages).</summary>
    [JsonPropertyName("relate_pkg_instance"), MaxLength(64)]
    public string? RelatePkgInstance { get; init; }

    /// <summary>Greater than zero, at most four decimals, sent as a string.</summary>
    [JsonPropertyName("usage_value"), Required, MaxLength(20), DecimalText(4, MustBePositive = true)]
    public string UsageValue { get; init; } = string.Empty;

    public static UsageRecord Create(
        string instanceId, DateTimeOffset begin, DateTimeOffset end, decimal usageValue, string meteringSn,
        DateTimeOffset recordTime, string? relatePkgInstance = null) => new()
        {
            BeginTime = KooTime.ToSdkDate(begin),
            EndTime = KooTime.ToSdkDate(end),
            InstanceId = instanceId,
            MeteringSn = meteringSn,
            RecordTime = KooTime.ToSdkDate(recordTime),
            RelatePkgInstance = relatePkgInstance,
            UsageValue = usageValue.ToString("0.############################", CultureInfo.InvariantCulture),
        };
}

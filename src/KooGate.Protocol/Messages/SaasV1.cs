using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using System.Text.Json.Serialization;
using KooGate.Protocol.Validation;

namespace KooGate.Protocol.Messages;

// SaaS V1 basic interfaces (saas-v1-and-joint.md §3): HTTP GET, every input a query parameter, values kept as the
// (URL-decoded) text that was received. Build them with FromQuery from the parsed query; unknown parameters are
// ignored here but still belong to the authToken string. Replies are ProduceResponse, NewInstanceResponse (with
// encryptType and AES-encrypted appInfo credentials) and QueryInstanceResponse.

/// <summary>V1 <c>encryptType</c>: the AES key size used for <c>appInfo.userName</c>/<c>password</c>.</summary>
public static class EncryptTypes
{
    public const string Aes256 = "1";
    public const string Aes128 = "2";
}

/// <summary>V1 <c>chargingMode</c> (the open API uses names instead; see <see cref="ChargingModes"/>).</summary>
public static class V1ChargingModes
{
    public const string OnDemand = "0";
    public const string Period = "1";
    public const string OneTime = "3";
    public const string OnDemandPackage = "5";
}

public static class PeriodTypes
{
    public const string Year = "year";
    public const string Month = "month";
}

/// <summary>V1 <c>instanceStatus</c>: the on-demand freeze/unfreeze.</summary>
public static class V1InstanceStatuses
{
    public const string Freeze = "FREEZE";
    public const string Normal = "NORMAL";
}

/// <summary>
/// V1 <c>saasExtendParams</c>: <c>urlEncode(base64(json))</c> of <c>[{"name":..,"value":..}]</c>. The query parser has
/// already URL-decoded once; a second escape layer or a <c>+</c> turned into a space are repaired.
/// </summary>
public static class ExtendParamsCodec
{
    public static bool TryDecode(string? value, out IReadOnlyList<ExtendParam> parameters)
    {
        parameters = [];
        if (string.IsNullOrWhiteSpace(value))
        {
            return true;
        }

        var text = value.Contains('%', StringComparison.Ordinal) ? Uri.UnescapeDataString(value) : value;
        text = text.Trim().Replace(' ', '+');
        var bytes = new byte[((text.Length + 3) / 4 * 3) + 3];
        if (!Convert.TryFromBase64String(text, bytes, out var written))
        {
            return false;
        }

        try
        {
            parameters = JsonSerializer.Deserialize(bytes.AsSpan(0, written), KooJsonContext.Default.ExtendParamArray) ?? [];
            return true;
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            return false;
        }
    }

    /// <summary>The Base64 form; the query builder adds the URL encoding.</summary>
    public static string Encode(IEnumerable<ExtendParam> parameters) =>
        Convert.ToBase64String(JsonSerializer.SerializeToUtf8Bytes([.. parameters], KooJsonContext.Default.ExtendParamArray));
}

public sealed record V1NewInstanceRequest
{
    [JsonPropertyName("activity"), Required, MaxLength(20), AllowedValues(Activities.NewInstance)]
    public string Activity { get; init; } = Activities.NewInstance;

    [JsonPropertyName("authToken"), Required, MaxLength(50)]
    public string AuthToken { get; init; } = string.Empty;

    [JsonPropertyName("timeStamp"), Required, MaxLength(20), UtcDigitsTime]
    public string TimeStamp { get; init; } = string.Empty;

    [JsonPropertyName("customerId"), Required, MaxLength(100)]
    public string CustomerId { get; init; } = string.Empty;

    /// <summary>Mandatory in the CN table, optional in the intl copy.</summary>
    [JsonPropertyName("customerName"), MaxLength(64)]
    public string? CustomerName { get; init; }

    [JsonPropertyName("userId"), MaxLength(64)]
    public string? UserId { get; init; }

    [JsonPropertyName("userName"), MaxLength(64)]
    public string? UserName { get; init; }

    /// <summary>AES-encrypted (<c>iv + Base64</c>); decrypt with FieldCipher.</summary>
    [JsonPropertyName("mobilePhone")]
    public string? MobilePhone { get; init; }

    /// <summary>AES-encrypted like <see cref="MobilePhone"/>.</summary>
    [JsonPropertyName("email")]
    public string? Email { get; init; }

    /// <summary>Different on every call, retries included.</summary>
    [JsonPropertyName("businessId"), Required, MaxLength(64)]
    public string BusinessId { get; init; } = string.Empty;

    [JsonPropertyName("orderId"), Required, MaxLength(64)]
    public string OrderId { get; init; } = string.Empty;

    /// <summary>Mandatory in the table, yet missing from the doc's own example URL, so not enforced.</summary>
    [JsonPropertyName("skuCode"), MaxLength(64)]
    public string? SkuCode { get; init; }

    [JsonPropertyName("productId"), Required, MaxLength(64)]
    public string ProductId { get; init; } = string.Empty;

    [JsonPropertyName("testFlag"), MaxLength(2)]
    public string? TestFlag { get; init; }

    [JsonPropertyName("trialFlag"), MaxLength(2)]
    public string? TrialFlag { get; init; }

    /// <summary>Approximate, for period and package products only; expireInstance is authoritative.</summary>
    [JsonPropertyName("expireTime"), MaxLength(20), UtcDigitsTime]
    public string? ExpireTime { get; init; }

    [JsonPropertyName("chargingMode"), MaxLength(3),
     AllowedValues(V1ChargingModes.OnDemand, V1ChargingModes.Period, V1ChargingModes.OneTime, V1ChargingModes.OnDemandPackage)]
    public string? ChargingMode { get; init; }

    [JsonPropertyName("saasExtendParams"), MaxLength(2048), SaasExtendParams]
    public string? SaasExtendParams { get; init; }

    [JsonPropertyName("amount"), IntegerText(7)]
    public string? Amount { get; init; }

    [JsonPropertyName("diskSize"), IntegerText(7)]
    public string? DiskSize { get; init; }

    [JsonPropertyName("bandWidth"), IntegerText(7)]
    public string? BandWidth { get; init; }

    [JsonPropertyName("periodType"), MaxLength(10), AllowedValues(PeriodTypes.Year, PeriodTypes.Month)]
    public string? PeriodType { get; init; }

    [JsonPropertyName("periodNumber"), IntegerText(2)]
    public string? PeriodNumber { get; init; }

    [JsonPropertyName("orderAmount"), MaxLength(20), DecimalText(3)]
    public string? OrderAmount { get; init; }

    /// <summary>Seen in real traffic; meaning unconfirmed.</summary>
    [JsonPropertyName("provisionType")]
    public string? ProvisionType { get; init; }

    /// <summary>Buyer acceptance time (<c>yyyyMMddHHmmssSSS</c>) when the product opens after acceptance.</summary>
    [JsonPropertyName("acceptanceTime"), MaxLength(20)]
    public string? AcceptanceTime { get; init; }

    [JsonIgnore]
    public bool IsTest => TestFlag == TestFlags.Debug;

    [JsonIgnore]
    public bool IsTrial => TrialFlag == "1";

    public bool TryGetSaasExtendParams(out IReadOnlyList<ExtendParam> parameters) =>
        ExtendParamsCodec.TryDecode(SaasExtendParams, out parameters);

    public static V1NewInstanceRequest FromQuery(IReadOnlyList<KeyValuePair<string, string?>> query) =>
        QueryBinder.Bind<V1NewInstanceRequest>(query);

    public IReadOnlyList<KeyValuePair<string, string?>> ToQuery() => QueryBinder.ToQuery(this);
}

public sealed record V1RefreshInstanceRequest
{
    [JsonPropertyName("activity"), Required, MaxLength(20), AllowedValues(Activities.RefreshInstance)]
    public string Activity { get; init; } = Activities.RefreshInstance;

    [JsonPropertyName("authToken"), Required, MaxLength(50)]
    public string AuthToken { get; init; } = string.Empty;

    [JsonPropertyName("timeStamp"), Required, MaxLength(20), UtcDigitsTime]
    public string TimeStamp { get; init; } = string.Empty;

    /// <summary>The renewal (or renewal-refund) order, not the purchase order.</summary>
    [JsonPropertyName("orderId"), Required, MaxLength(64)]
    public string OrderId { get; init; } = string.Empty;

    [JsonPropertyName("instanceId"), Required, MaxLength(64)]
    public string InstanceId { get; init; } = string.Empty;

    [JsonPropertyName("productId"), MaxLength(64)]
    public string? ProductId { get; init; }

    [JsonPropertyName("expireTime"), Required, MaxLength(20), UtcDigitsTime]
    public string ExpireTime { get; init; } = string.Empty;

    [JsonPropertyName("trialToFormal"), MaxLength(2)]
    public string? TrialToFormal { get; init; }

    [JsonPropertyName("periodType"), MaxLength(10), AllowedValues(PeriodTypes.Year, PeriodTypes.Month)]
    public string? PeriodType { get; init; }

    [JsonPropertyName("periodNumber"), IntegerText(2)]
    public string? PeriodNumber { get; init; }

    /// <summary>Negative for a renewal refund (退续费).</summary>
    [JsonPropertyName("orderAmount"), MaxLength(20), DecimalText(3, AllowNegative = true)]
    public string? OrderAmount { get; init; }

    [JsonPropertyName("testFlag"), MaxLength(2)]
    public string? TestFlag { get; init; }

    [JsonIgnore]
    public bool IsTest => TestFlag == TestFlags.Debug;

    public static V1RefreshInstanceRequest FromQuery(IReadOnlyList<KeyValuePair<string, string?>> query) =>
        QueryBinder.Bind<V1RefreshInstanceRequest>(query);

    public IReadOnlyList<KeyValuePair<string, string?>> ToQuery() => QueryBinder.ToQuery(this);
}

public sealed record V1ExpireInstanceRequest
{
    [JsonPropertyName("activity"), Required, MaxLength(20), AllowedValues(Activities.ExpireInstance)]
    public string Activity { get; init; } = Activities.ExpireInstance;

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

    public static V1ExpireInstanceRequest FromQuery(IReadOnlyList<KeyValuePair<string, string?>> query) =>
        QueryBinder.Bind<V1ExpireInstanceRequest>(query);

    public IReadOnlyList<KeyValuePair<string, string?>> ToQuery() => QueryBinder.ToQuery(this);
}

public sealed record V1ReleaseInstanceRequest
{
    [JsonPropertyName("activity"), Required, MaxLength(20), AllowedValues(Activities.ReleaseInstance)]
    public string Activity { get; init; } = Activities.ReleaseInstance;

    [JsonPropertyName("authToken"), Required, MaxLength(50)]
    public string AuthToken { get; init; } = string.Empty;

    [JsonPropertyName("timeStamp"), Required, MaxLength(20), UtcDigitsTime]
    public string TimeStamp { get; init; } = string.Empty;

    [JsonPropertyName("instanceId"), Required, MaxLength(64)]
    public string InstanceId { get; init; } = string.Empty;

    /// <summary>The original purchase order.</summary>
    [JsonPropertyName("orderId"), Required, MaxLength(64)]
    public string OrderId { get; init; } = string.Empty;

    [JsonPropertyName("orderAmount"), MaxLength(20), DecimalText(3)]
    public string? OrderAmount { get; init; }

    [JsonPropertyName("testFlag"), MaxLength(2)]
    public string? TestFlag { get; init; }

    [JsonIgnore]
    public bool IsTest => TestFlag == TestFlags.Debug;

    public static V1ReleaseInstanceRequest FromQuery(IReadOnlyList<KeyValuePair<string, string?>> query) =>
        QueryBinder.Bind<V1ReleaseInstanceRequest>(query);

    public IReadOnlyList<KeyValuePair<string, string?>> ToQuery() => QueryBinder.ToQuery(this);
}

public sealed record V1UpgradeRequest
{
    [JsonPropertyName("activity"), Required, MaxLength(20), AllowedValues(Activities.Upgrade)]
    public string Activity { get; init; } = Activities.Upgrade;

    [JsonPropertyName("authToken"), Required, MaxLength(50)]
    public string AuthToken { get; init; } = string.Empty;

    [JsonPropertyName("timeStamp"), Required, MaxLength(20), UtcDigitsTime]
    public string TimeStamp { get; init; } = string.Empty;

    [JsonPropertyName("instanceId"), Required, MaxLength(64)]
    public string InstanceId { get; init; } = string.Empty;

    /// <summary>The new upgrade order.</summary>
    [JsonPropertyName("orderId"), Required, MaxLength(64)]
    public string OrderId { get; init; } = string.Empty;

    [JsonPropertyName("skuCode"), Required, MaxLength(64)]
    public string SkuCode { get; init; } = string.Empty;

    [JsonPropertyName("productId"), Required, MaxLength(64)]
    public string ProductId { get; init; } = string.Empty;

    [JsonPropertyName("amount"), IntegerText(7)]
    public string? Amount { get; init; }

    [JsonPropertyName("diskSize"), IntegerText(7)]
    public string? DiskSize { get; init; }

    [JsonPropertyName("bandWidth"), IntegerText(7)]
    public string? BandWidth { get; init; }

    [JsonPropertyName("saasExtendParams"), MaxLength(2048), SaasExtendParams]
    public string? SaasExtendParams { get; init; }

    [JsonPropertyName("testFlag"), MaxLength(2)]
    public string? TestFlag { get; init; }

    [JsonIgnore]
    public bool IsTest => TestFlag == TestFlags.Debug;

    public bool TryGetSaasExtendParams(out IReadOnlyList<ExtendParam> parameters) =>
        ExtendParamsCodec.TryDecode(SaasExtendParams, out parameters);

    public static V1UpgradeRequest FromQuery(IReadOnlyList<KeyValuePair<string, string?>> query) =>
        QueryBinder.Bind<V1UpgradeRequest>(query);

    public IReadOnlyList<KeyValuePair<string, string?>> ToQuery() => QueryBinder.ToQuery(this);
}

public sealed record V1InstanceStatusRequest
{
    [JsonPropertyName("activity"), Required, MaxLength(32), AllowedValues(Activities.InstanceStatus)]
    public string Activity { get; init; } = Activities.InstanceStatus;

    [JsonPropertyName("authToken"), Required, MaxLength(50)]
    public string AuthToken { get; init; } = string.Empty;

    [JsonPropertyName("timeStamp"), Required, MaxLength(20), UtcDigitsTime]
    public string TimeStamp { get; init; } = string.Empty;

    [JsonPropertyName("instanceId"), Required, MaxLength(64)]
    public string InstanceId { get; init; } = string.Empty;

    [JsonPropertyName("instanceStatus"), Required, MaxLength(32), AllowedValues(V1InstanceStatuses.Freeze, V1InstanceStatuses.Normal)]
    public string InstanceStatus { get; init; } = string.Empty;

    [JsonPropertyName("testFlag"), MaxLength(2)]
    public string? TestFlag { get; init; }

    [JsonIgnore]
    public bool IsTest => TestFlag == TestFlags.Debug;

    public static V1InstanceStatusRequest FromQuery(IReadOnlyList<KeyValuePair<string, string?>> query) =>
        QueryBinder.Bind<V1InstanceStatusRequest>(query);

    public IReadOnlyList<KeyValuePair<string, string?>> ToQuery() => QueryBinder.ToQuery(this);
}

public sealed record V1QueryInstanceRequest
{
    [JsonPropertyName("activity"), Required, MaxLength(20), AllowedValues(Activities.QueryInstance)]
    public string Activity { get; init; } = Activities.QueryInstance;

    [JsonPropertyName("authToken"), Required, MaxLength(50)]
    public string AuthToken { get; init; } = string.Empty;

    [JsonPropertyName("timeStamp"), Required, MaxLength(20), UtcDigitsTime]
    public string TimeStamp { get; init; } = string.Empty;

    /// <summary>Up to 100 comma-separated ids; the documented String(64) limit is not enforced on the whole list.</summary>
    [JsonPropertyName("instanceId"), Required, InstanceIdList]
    public string InstanceId { get; init; } = string.Empty;

    [JsonPropertyName("testFlag"), MaxLength(2)]
    public string? TestFlag { get; init; }

    [JsonIgnore]
    public bool IsTest => TestFlag == TestFlags.Debug;

    public IReadOnlyList<string> GetInstanceIds() => InstanceIdList.Split(InstanceId);

    public static V1QueryInstanceRequest FromQuery(IReadOnlyList<KeyValuePair<string, string?>> query) =>
        QueryBinder.Bind<V1QueryInstanceRequest>(query);

    public IReadOnlyList<KeyValuePair<string, string?>> ToQuery() => QueryBinder.ToQuery(this);
}

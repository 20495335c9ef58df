using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;

namespace KooGate.Protocol.Messages;

/// <summary>
/// The older V2 <c>newInstance</c> body that carries the purchase inline (saas-v2.md §3.1.4): <c>buyerInfo</c> and
/// <c>orderInfo[]</c> instead of top-level <c>orderId</c>/<c>orderLineId</c>/<c>businessId</c>. Only the first order
/// entry is the one being created. Numbers may arrive as JSON numbers or strings.
/// </summary>
public sealed record InlineNewInstanceRequest
{
    [JsonPropertyName("activity"), Required, MaxLength(20), AllowedValues(Activities.NewInstance)]
    public string Activity { get; init; } = Activities.NewInstance;

    [JsonPropertyName("buyerInfo")]
    public BuyerInfo? BuyerInfo { get; init; }

    [JsonPropertyName("orderInfo"), Required, MinLength(1)]
    public IReadOnlyList<InlineOrderInfo>? OrderInfo { get; init; }

    [JsonPropertyName("testFlag"), MaxLength(2)]
    public string? TestFlag { get; init; }

    [JsonIgnore]
    public bool IsTest => TestFlag == TestFlags.Debug;

    /// <summary>Whether a body is this older form: it has <c>orderInfo</c> and no top-level <c>orderId</c>.</summary>
    public static bool Matches(System.Text.Json.JsonElement root) =>
        root.ValueKind == System.Text.Json.JsonValueKind.Object && root.TryGetProperty("orderInfo", out _) && !root.TryGetProperty("orderId", out _);
}

public sealed record InlineOrderInfo
{
    [JsonPropertyName("businessId"), Required, MaxLength(64)]
    public string BusinessId { get; init; } = string.Empty;

    [JsonPropertyName("orderId"), Required, MaxLength(64)]
    public string OrderId { get; init; } = string.Empty;

    /// <summary>Not in the documented example; when absent the order line is named by the product (as V1 does).</summary>
    [JsonPropertyName("orderLineId"), MaxLength(64)]
    public string? OrderLineId { get; init; }

    [JsonPropertyName("trialFlag"), MaxLength(2)]
    public string? TrialFlag { get; init; }

    [JsonPropertyName("orderAmount")]
    public decimal? OrderAmount { get; init; }

    [JsonPropertyName("chargingMode"), MaxLength(25)]
    public string? ChargingMode { get; init; }

    [JsonPropertyName("periodType"), MaxLength(10)]
    public string? PeriodType { get; init; }

    [JsonPropertyName("periodNumber")]
    public int? PeriodNumber { get; init; }

    [JsonPropertyName("provisionType"), MaxLength(2)]
    public string? ProvisionType { get; init; }

    [JsonPropertyName("productInfo")]
    public IReadOnlyList<OrderProductInfo>? ProductInfo { get; init; }

    [JsonPropertyName("createTime"), MaxLength(20)]
    public string? CreateTime { get; init; }

    [JsonPropertyName("expireTime"), MaxLength(20)]
    public string? ExpireTime { get; init; }

    [JsonPropertyName("extendParams")]
    public IReadOnlyList<ExtendParam>? ExtendParams { get; init; }

    [JsonIgnore]
    public bool IsTrial => TrialFlag == "1";

    /// <summary>The key of the order line: <c>orderLineId</c> when sent, else the product id, else the order id.</summary>
    [JsonIgnore]
    public string LineKey => OrderLineId is { Length: > 0 } line ? line : ProductInfo?.FirstOrDefault()?.ProductId is { Length: > 0 } product ? product : OrderId;
}

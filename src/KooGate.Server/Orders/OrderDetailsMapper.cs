using System.Text.Json;
using KooGate.Protocol;
using KooGate.Protocol.Messages;
using KooGate.Server.Configuration;
using KooGate.Server.Data;

namespace KooGate.Server.Orders;

/// <summary>Copies what a 查询订单 reply says about the stored order line onto it; contacts are stored encrypted.</summary>
public static class OrderDetailsMapper
{
    public static void Apply(OrderDetails order, OrderInfo info, QueryOrderResponse response, SecretProtector protector, DateTimeOffset now)
    {
        // The reply lists every line of the order; ours is matched by id (a single-line order may omit nothing else).
        var line = info.OrderLine.FirstOrDefault(l => l.OrderLineId == order.OrderLineId) ?? (info.OrderLine.Count == 1 ? info.OrderLine[0] : null);
        var product = line?.ProductInfo?.FirstOrDefault();
        order.OrderType = info.OrderType;
        order.CreateTime = KooTime.TryParseUtcDigits(info.CreateTime, out var created) ? created : order.CreateTime;
        order.ChargingMode = line?.ChargingMode;
        order.PeriodType = line?.PeriodType;
        order.PeriodNumber = line?.PeriodNumber;
        order.ExpireTime = line?.ExpireTime is { } expire && KooTime.TryParseUtcDigits(expire, out var parsed) ? parsed : null;
        order.ProductId = product?.ProductId;
        order.SkuCode = product?.SkuCode;
        order.LinearValue = product?.LinearValue;
        order.Amount = Decimal(line?.ExtensionData, "amountAfterDiscount") ?? Decimal(line?.ExtensionData, "amount") ?? Decimal(info.ExtensionData, "orderAmount");
        order.Trial = info.OrderType switch
        {
            OrderTypes.Trial => true,
            OrderTypes.New or OrderTypes.TrialToFormal => false,
            _ => order.Trial,
        };
        order.CustomerId = info.BuyerInfo?.CustomerId;
        order.CustomerName = info.BuyerInfo?.CustomerName;
        order.UserId = info.BuyerInfo?.UserId;
        order.UserName = info.BuyerInfo?.UserName;
        order.ProtectedMobilePhone = Protect(protector, info.BuyerInfo?.MobilePhone);
        order.ProtectedEmail = Protect(protector, info.BuyerInfo?.Email);
        order.ExtendParamsJson = info.ExtendParams is { Count: > 0 } extend ? JsonSerializer.Serialize([.. extend], KooJsonContext.Default.ExtendParamArray) : null;

        // Kept for operators, without the buyer's contact details.
        var stored = response with { OrderInfo = info with { BuyerInfo = info.BuyerInfo is { } buyer ? buyer with { MobilePhone = null, Email = null } : null } };
        order.ResponseJson = JsonSerializer.Serialize(stored, KooJsonContext.Default.QueryOrderResponse);
        order.FetchedAt = now;
    }

    public static string? Protect(SecretProtector protector, string? value) => string.IsNullOrEmpty(value) ? null : protector.Protect(value);

    /// <summary>A number sent as a JSON number or a numeric string; anything else is ignored.</summary>
    private static decimal? Decimal(Dictionary<string, JsonElement>? extension, string name)
    {
        if (extension is null || !extension.TryGetValue(name, out var value))
        {
            return null;
        }

        return value.ValueKind switch
        {
            JsonValueKind.Number when value.TryGetDecimal(out var n) => n,
            JsonValueKind.String when decimal.TryParse(value.GetString(), System.Globalization.NumberStyles.Number, System.Globalization.CultureInfo.InvariantCulture, out var s) => s,
            _ => null,
        };
    }
}

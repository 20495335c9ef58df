using KooGate.Protocol;
using KooGate.Protocol.Messages;
using KooGate.Server.Data;

namespace KooGate.Server.Orders;

/// <summary>Copies the fields KooGate keeps from a 查询订单 reply onto the stored order line.</summary>
public static class OrderDetailsMapper
{
    public static void Apply(OrderDetails order, OrderInfo info, QueryOrderResponse response, DateTimeOffset now)
    {
        // The reply lists every line of the order; ours is matched by id (a single-line order may omit nothing else).
        var line = info.OrderLine.FirstOrDefault(l => l.OrderLineId == order.OrderLineId) ?? (info.OrderLine.Count == 1 ? info.OrderLine[0] : null);
        var product = line?.ProductInfo?.FirstOrDefault();
        order.OrderType = info.OrderType;
        order.ChargingMode = line?.ChargingMode;
        order.PeriodType = line?.PeriodType;
        order.PeriodNumber = line?.PeriodNumber;
        order.ExpireTime = line?.ExpireTime is { } expire && KooTime.TryParseUtcDigits(expire, out var parsed) ? parsed : null;
        order.ProductId = product?.ProductId;
        order.SkuCode = product?.SkuCode;
        order.CustomerId = info.BuyerInfo?.CustomerId;
        order.CustomerName = info.BuyerInfo?.CustomerName;
        // Kept for operators, without the buyer's contact details.
        var stored = response with { OrderInfo = info with { BuyerInfo = info.BuyerInfo is { } buyer ? buyer with { MobilePhone = null, Email = null } : null } };
        order.ResponseJson = System.Text.Json.JsonSerializer.Serialize(stored, KooJsonContext.Default.QueryOrderResponse);
        order.FetchedAt = now;
    }
}

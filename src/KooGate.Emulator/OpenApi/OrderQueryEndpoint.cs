using System.Text.Json;
using KooGate.Emulator.Data;
using KooGate.Protocol;
using KooGate.Protocol.Messages;
using Microsoft.EntityFrameworkCore;

namespace KooGate.Emulator.OpenApi;

/// <summary>
/// 查询订单 (license-order-openapi.md §D.2): the seller's view of one order, for its own products only. The debugging
/// mock orders (MOCKPERIODYEARNEW …) answer canned data.
/// </summary>
public static class OrderQueryEndpoint
{
    public const string Path = "/api/mkp-openapi-public/global/v1/order/query";

    public static async Task<IResult> HandleAsync(HttpRequest request, GatewayAuth gateway, EmulatorDb db, CancellationToken ct)
    {
        var raw = await RawRequest.ReadAsync(request, ct);
        var (seller, refusal) = await gateway.VerifyAsync(request, raw, ct);
        if (refusal is not null)
        {
            return refusal;
        }

        var orderId = request.Query["orderId"].ToString();
        var orderLineId = request.Query["orderLineId"].ToString();
        if (string.IsNullOrEmpty(orderId) || orderId.Length > 64 || orderLineId.Length > 64)
        {
            return Reply(400, "MKT.0101", "Invalid parameter: orderId is required (at most 64 characters)");
        }

        if (MockOrders.Find(orderId) is { } mock)
        {
            return Results.Text(KooJson.Serialize(new QueryOrderResponse { ResultCode = OpenApiCodes.MarketplaceSuccess, ResultMsg = "Success.", OrderInfo = mock }), "application/json");
        }

        var order = await db.Orders.AsNoTracking().Include(o => o.Lines).SingleOrDefaultAsync(o => o.OrderId == orderId, ct);
        if (order is null || (orderLineId.Length > 0 && order.Lines.All(l => l.OrderLineId != orderLineId)))
        {
            return Reply(500, "MKT.0100", "Failure of input parameter: no such order or order line");
        }

        var product = await db.Products.AsNoTracking().SingleAsync(p => p.ProductId == order.ProductId, ct);
        if (product.SellerId != seller!.SellerId)
        {
            return Reply(401, "MKT.0150", "Illegal operation: the order is not for a product of this seller");
        }

        var buyer = await db.Buyers.AsNoTracking().SingleAsync(b => b.CustomerId == order.CustomerId, ct);
        var lines = orderLineId.Length > 0 ? order.Lines.Where(l => l.OrderLineId == orderLineId) : order.Lines;
        var names = await db.Products.AsNoTracking().ToDictionaryAsync(p => p.ProductId, p => p.Name, ct);
        var info = new OrderInfo
        {
            OrderId = order.OrderId,
            OrderType = order.OrderType,
            CreateTime = KooTime.ToUtc14(order.CreateTime),
            OrderLine = [.. lines.Select(l => new Protocol.Messages.OrderLine
            {
                OrderLineId = l.OrderLineId,
                ChargingMode = l.ChargingMode,
                ExpireTime = l.ExpireTime is { } expire ? KooTime.ToUtc14(expire) : null,
                PeriodType = l.PeriodType,
                PeriodNumber = l.PeriodNumber,
                ProductInfo = [new OrderProductInfo { SkuCode = l.SkuCode, ProductId = l.ProductId, LinearValue = l.LinearValue, ProductName = names.GetValueOrDefault(l.ProductId) }],
                ExtensionData = new Dictionary<string, JsonElement>
                {
                    ["currency"] = JsonSerializer.SerializeToElement("CNY"),
                    ["amountAfterDiscount"] = JsonSerializer.SerializeToElement(l.Amount),
                },
            })],
            BuyerInfo = new BuyerInfo
            {
                CustomerId = buyer.CustomerId,
                CustomerName = buyer.CustomerName,
                MobilePhone = buyer.Mobile,
                Email = buyer.Email,
            },
            ExtendParams = [],
        };
        return Results.Text(KooJson.Serialize(new QueryOrderResponse { ResultCode = OpenApiCodes.MarketplaceSuccess, ResultMsg = "Success.", OrderInfo = info }),
            "application/json");
    }

    private static IResult Reply(int status, string code, string message) =>
        Results.Text(KooJson.Serialize(new QueryOrderResponse { ResultCode = code, ResultMsg = message }), "application/json", statusCode: status);
}

/// <summary>The seller-center debugger's mock orders (order line = id + "-000001").</summary>
public static class MockOrders
{
    private static readonly (string Id, string Type, string Mode, string? PeriodType, int? PeriodNumber)[] All =
    [
        ("MOCKPERIODYEARNEW", OrderTypes.New, ChargingModes.Period, "year", 1),
        ("MOCKONETIMENEW", OrderTypes.New, ChargingModes.OneTime, null, null),
        ("MOCKONDEMAND", OrderTypes.New, ChargingModes.OnDemand, null, null),
        ("MOCKONDEMANDPKG", OrderTypes.New, ChargingModes.OnDemandPackage, "month", 1),
        ("MOCKPERIODDAYTRIAL", OrderTypes.Trial, ChargingModes.Period, "day", 7),
        ("MOCKMONTYTRIALTOFORMAL", OrderTypes.TrialToFormal, ChargingModes.Period, "month", 1),
        ("MOCKMONTYUNSUBSCRIBE", OrderTypes.Unsubscribe, ChargingModes.Period, "month", 1),
        ("MOCKMONTYRENEW", OrderTypes.Renew, ChargingModes.Period, "month", 1),
        ("MOCKMONTYCHANGE", OrderTypes.Change, ChargingModes.Period, "month", 1),
    ];

    public static OrderInfo? Find(string orderId)
    {
        foreach (var (id, type, mode, periodType, periodNumber) in All)
        {
            if (id == orderId)
            {
                return new OrderInfo
                {
                    OrderId = id,
                    OrderType = type,
                    CreateTime = "20240101000000",
                    OrderLine = [new Protocol.Messages.OrderLine
                    {
                        OrderLineId = id + "-000001",
                        ChargingMode = mode,
                        PeriodType = periodType,
                        PeriodNumber = periodNumber,
                        ExpireTime = periodType is null ? null : "20250101000000",
                        ProductInfo = [new OrderProductInfo { SkuCode = "MOCKSKU", ProductId = "MOCKPRODUCT", LinearValue = 1, ProductName = "mock" }],
                    }],
                    BuyerInfo = new BuyerInfo { CustomerId = "mockcustomer", CustomerName = "mock customer" },
                };
            }
        }

        return null;
    }
}

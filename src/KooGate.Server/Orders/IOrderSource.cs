using KooGate.Protocol.Messages;

namespace KooGate.Server.Orders;

/// <summary>Where order details come from: the marketplace's 查询订单 open API (license-order-openapi.md §D.2).</summary>
public interface IOrderSource
{
    Task<QueryOrderResponse> QueryOrderAsync(string orderId, CancellationToken cancellationToken);
}

using KooGate.Protocol.Messages;
using KooGate.Server.OpenApi;

namespace KooGate.Server.Orders;

/// <summary>查询订单 through the APIG-signed marketplace client.</summary>
public sealed class MarketplaceOrderSource(MarketplaceClients clients) : IOrderSource
{
    public Task<QueryOrderResponse> QueryOrderAsync(string orderId, CancellationToken cancellationToken) =>
        clients.Create().QueryOrderAsync(orderId, cancellationToken);
}

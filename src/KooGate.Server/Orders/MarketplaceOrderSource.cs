using KooGate.Protocol.Messages;
using KooGate.Protocol.OpenApi;
using KooGate.Protocol.Signing;
using KooGate.Server.Configuration;
using Microsoft.Extensions.Options;

namespace KooGate.Server.Orders;

/// <summary>查询订单 through the APIG-signed <see cref="MarketplaceClient"/> on the resilient named HttpClient.</summary>
public sealed class MarketplaceOrderSource(IHttpClientFactory httpClients, IOptions<KooGateOptions> options, TimeProvider time) : IOrderSource
{
    public const string HttpClientName = "KooGate.Marketplace";

    public Task<QueryOrderResponse> QueryOrderAsync(string orderId, CancellationToken cancellationToken)
    {
        var settings = options.Value.Marketplace;
        var http = httpClients.CreateClient(HttpClientName);
        http.BaseAddress = new Uri(settings.BaseUrl!, UriKind.Absolute);
        var client = new MarketplaceClient(http, new ApigCredentials(settings.AccessKey!, settings.SecretKey!), time);
        return client.QueryOrderAsync(orderId, cancellationToken);
    }
}

using KooGate.Protocol.OpenApi;
using KooGate.Protocol.Signing;
using KooGate.Server.Configuration;
using Microsoft.Extensions.Options;

namespace KooGate.Server.OpenApi;

/// <summary>
/// The APIG-signed <see cref="MarketplaceClient"/> on the named, resilient HttpClient, for the background workers that
/// call KooGallery's open APIs (查询订单, usage push, license upload).
/// </summary>
public sealed class MarketplaceClients(IHttpClientFactory httpClients, IOptions<KooGateOptions> options, TimeProvider time)
{
    public const string HttpClientName = "KooGate.Marketplace";

    public bool IsConfigured => options.Value.Marketplace.IsConfigured;

    /// <param name="httpClientName">Another named HttpClient, e.g. one without retries for callers that must answer fast.</param>
    public MarketplaceClient Create(string httpClientName = HttpClientName)
    {
        var settings = options.Value.Marketplace;
        if (!settings.IsConfigured)
        {
            throw new InvalidOperationException("the marketplace open API is not configured (KooGate:Marketplace:BaseUrl, AccessKey, SecretKey)");
        }

        var http = httpClients.CreateClient(httpClientName);
        http.BaseAddress = new Uri(settings.BaseUrl!, UriKind.Absolute);
        return new MarketplaceClient(http, new ApigCredentials(settings.AccessKey!, settings.SecretKey!), time)
        {
            FallbackBaseAddress = settings.FallbackBaseUrl is { Length: > 0 } fallback ? new Uri(fallback, UriKind.Absolute) : null,
        };
    }
}

using KooGate.Protocol.OpenApi;
using KooGate.Protocol.Signing;
using Microsoft.Extensions.Time.Testing;

namespace KooGate.Protocol.Tests.OpenApi;

/// <summary>A client wired to a <see cref="VerifyingMarketplaceHandler"/>, on a fake clock.</summary>
internal sealed class MarketplaceFixture : IDisposable
{
    public static readonly DateTimeOffset Now = new(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);

    public MarketplaceFixture(string baseUrl = "https://mkt.myhuaweicloud.com/", string secretKey = VerifyingMarketplaceHandler.SecretKey,
        Func<HttpMessageHandler, HttpMessageHandler>? wrap = null)
    {
        Stub = new VerifyingMarketplaceHandler(Time);
        Http = new HttpClient(wrap is null ? Stub : wrap(Stub)) { BaseAddress = new Uri(baseUrl) };
        Client = new MarketplaceClient(Http, new ApigCredentials(VerifyingMarketplaceHandler.AccessKey, secretKey), Time);
    }

    public FakeTimeProvider Time { get; } = new(Now);

    public VerifyingMarketplaceHandler Stub { get; }

    public HttpClient Http { get; }

    public MarketplaceClient Client { get; }

    public RecordedRequest Single => Assert.Single(Stub.Requests);

    public void Dispose() => Http.Dispose();
}

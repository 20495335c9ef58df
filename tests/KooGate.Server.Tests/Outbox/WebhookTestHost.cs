using KooGate.Server.Data;
using KooGate.Server.Tests.Infrastructure;
using KooGate.Testing.Databases;
using KooGate.Testing.Server;
using Microsoft.EntityFrameworkCore;

namespace KooGate.Server.Tests.Outbox;

/// <summary>A server with the webhook provisioner pointed at a live <see cref="WebhookReceiver"/>.</summary>
public sealed class WebhookTestHost : IAsyncDisposable
{
    public const string Secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

    private WebhookTestHost(KooGateHost host, WebhookReceiver receiver)
    {
        Host = host;
        Receiver = receiver;
        Marketplace = new MarketplaceClient(host);
    }

    public KooGateHost Host { get; }

    public WebhookReceiver Receiver { get; }

    public MarketplaceClient Marketplace { get; }

    public static async Task<WebhookTestHost> StartAsync(int maxAttempts = 12, DatabaseKind database = DatabaseKind.Sqlite, int timeoutSeconds = 10, string secret = Secret)
    {
        var receiver = await WebhookReceiver.StartAsync();
        var host = new KooGateHost(database, new Dictionary<string, string?>
        {
            ["KooGate:Webhook:Url"] = receiver.Url,
            ["KooGate:Webhook:Secret"] = secret,
            ["KooGate:Webhook:MaxAttempts"] = maxAttempts.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["KooGate:Webhook:FirstRetrySeconds"] = "5",
            ["KooGate:Webhook:MaxRetrySeconds"] = "60",
            ["KooGate:Webhook:TimeoutSeconds"] = timeoutSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        return new WebhookTestHost(host, receiver);
    }

    public Task<ProduceReply> CreateAsync(string orderId, string businessId) =>
        Marketplace.PostAsync(new { activity = "newInstance", businessId, orderId, orderLineId = orderId + "-1" });

    public async Task<OutboxMessage> OutboxAsync(Func<OutboxMessage, bool> predicate)
    {
        await using var db = Host.OpenDb();
        return (await db.Outbox.AsNoTracking().ToListAsync()).Single(predicate);
    }

    public async Task WaitForOutboxAsync(Func<OutboxMessage, bool> condition, string what, bool tickClock = false) =>
        await Eventually.UntilAsync(
            async () =>
            {
                await using var db = Host.OpenDb();
                return (await db.Outbox.AsNoTracking().ToListAsync()).Any(condition);
            },
            what,
            tickClock ? () => Host.Clock.Advance(TimeSpan.FromSeconds(1)) : null);

    public async ValueTask DisposeAsync()
    {
        Host.Dispose();
        await Receiver.DisposeAsync();
    }
}

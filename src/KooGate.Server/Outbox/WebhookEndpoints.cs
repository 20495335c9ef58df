using KooGate.Server.Configuration;
using KooGate.Server.Data;
using Microsoft.Extensions.Options;

namespace KooGate.Server.Outbox;

/// <summary>Where one event goes and the <c>whsec_</c> secrets it is signed with (old and new together during a rotation).</summary>
public sealed record WebhookEndpoint(Uri Url, IReadOnlyList<string> Secrets);

/// <summary>Chooses the endpoint of an event; the default is the one configured webhook (<c>KooGate:Webhook</c>).</summary>
public interface IWebhookEndpoints
{
    /// <summary>Null when the event has nowhere to go (it stays pending).</summary>
    WebhookEndpoint? For(OutboxMessage message);
}

public sealed class ConfiguredWebhookEndpoints(IOptions<KooGateOptions> options) : IWebhookEndpoints
{
    public WebhookEndpoint? For(OutboxMessage message)
    {
        var settings = options.Value.Webhook;
        return settings.IsConfigured ? new WebhookEndpoint(new Uri(settings.Url!), settings.SecretList) : null;
    }
}

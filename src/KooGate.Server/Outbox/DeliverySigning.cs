using System.Globalization;
using KooGate.Client.Events;

namespace KooGate.Server.Outbox;

/// <summary>
/// Signs what KooGate sends the seller's app — event deliveries and change-check decision requests — by the Standard
/// Webhooks specification (<c>webhook-id</c>, <c>webhook-timestamp</c>, <c>webhook-signature</c> with one <c>v1,…</c>
/// per secret during a rotation), so the app verifies both with one ready library. The one place that knows the scheme.
/// </summary>
public static class DeliverySigning
{
    public const string EventTypeHeader = "KooGate-Event-Type";

    public static void Sign(HttpRequestMessage request, string id, string type, IReadOnlyList<string> secrets, DateTimeOffset now, byte[] body)
    {
        var timestamp = now.ToUnixTimeSeconds();
        request.Headers.Add(WebhookSignature.IdHeader, id);
        request.Headers.Add(WebhookSignature.TimestampHeader, timestamp.ToString(CultureInfo.InvariantCulture));
        request.Headers.Add(WebhookSignature.SignatureHeader, WebhookSignature.Header(secrets, id, timestamp, body));
        request.Headers.Add(EventTypeHeader, type);
    }
}

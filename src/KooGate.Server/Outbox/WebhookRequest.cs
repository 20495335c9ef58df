using System.Globalization;
using KooGate.Client.Events;
using KooGate.Server.Data;

namespace KooGate.Server.Outbox;

/// <summary>
/// One delivery as the Standard Webhooks specification has it: <c>webhook-id</c> (the event id, stable across
/// attempts), <c>webhook-timestamp</c> (Unix seconds of this attempt) and <c>webhook-signature</c> (one <c>v1,…</c> per
/// configured secret) over the exact body bytes.
/// </summary>
public static class WebhookRequest
{
    public const string EventTypeHeader = "KooGate-Event-Type";
    public const string AttemptHeader = "KooGate-Delivery-Attempt";

    public static HttpRequestMessage Build(WebhookEndpoint endpoint, OutboxMessage message, DateTimeOffset now)
    {
        var body = System.Text.Encoding.UTF8.GetBytes(message.Payload);
        var id = message.Id.ToString();
        var timestamp = now.ToUnixTimeSeconds();
        var request = new HttpRequestMessage(HttpMethod.Post, endpoint.Url) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new("application/json") { CharSet = "utf-8" };
        request.Headers.Add(WebhookSignature.IdHeader, id);
        request.Headers.Add(WebhookSignature.TimestampHeader, timestamp.ToString(CultureInfo.InvariantCulture));
        request.Headers.Add(WebhookSignature.SignatureHeader, WebhookSignature.Header(endpoint.Secrets, id, timestamp, body));
        request.Headers.Add(EventTypeHeader, message.Type);
        request.Headers.Add(AttemptHeader, (message.Attempts + 1).ToString(CultureInfo.InvariantCulture));
        return request;
    }
}

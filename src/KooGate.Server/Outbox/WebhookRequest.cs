using System.Globalization;
using KooGate.Server.Data;

namespace KooGate.Server.Outbox;

/// <summary>
/// One delivery as the Standard Webhooks specification has it (<see cref="DeliverySigning"/>): the event id is stable
/// across attempts, the timestamp is this attempt's, and the signature covers the exact body bytes.
/// </summary>
public static class WebhookRequest
{
    public const string EventTypeHeader = DeliverySigning.EventTypeHeader;
    public const string AttemptHeader = "KooGate-Delivery-Attempt";

    public static HttpRequestMessage Build(Products.WebhookTarget target, OutboxMessage message, DateTimeOffset now)
    {
        var request = Build(target.Url, message.Id.ToString(), message.Type, target.Secrets, System.Text.Encoding.UTF8.GetBytes(message.Payload), now);
        request.Headers.Add(AttemptHeader, (message.Attempts + 1).ToString(CultureInfo.InvariantCulture));
        return request;
    }

    /// <summary>A signed JSON POST of <paramref name="body"/> to the seller's app (an event, or a change-check decision request).</summary>
    public static HttpRequestMessage Build(Uri url, string id, string type, IReadOnlyList<string> secrets, byte[] body, DateTimeOffset now)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new("application/json") { CharSet = "utf-8" };
        DeliverySigning.Sign(request, id, type, secrets, now, body);
        return request;
    }
}

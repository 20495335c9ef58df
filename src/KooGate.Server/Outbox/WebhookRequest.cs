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
        var body = System.Text.Encoding.UTF8.GetBytes(message.Payload);
        var request = new HttpRequestMessage(HttpMethod.Post, target.Url) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new("application/json") { CharSet = "utf-8" };
        DeliverySigning.Sign(request, message.Id.ToString(), message.Type, target.Secrets, now, body);
        request.Headers.Add(AttemptHeader, (message.Attempts + 1).ToString(CultureInfo.InvariantCulture));
        return request;
    }
}

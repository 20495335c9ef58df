using System.Globalization;

namespace KooGate.Server.Outbox;

/// <summary>
/// Signs what KooGate sends the seller's app — event deliveries and change-check decision requests — with one scheme,
/// so the app verifies both with one routine; one <c>v1</c> entry per secret during a rotation. The one place that
/// knows the scheme.
/// </summary>
public static class DeliverySigning
{
    public static void Sign(HttpRequestMessage request, string id, string type, IReadOnlyList<string> secrets, DateTimeOffset now, byte[] body)
    {
        var timestamp = now.ToUnixTimeSeconds();
        var signatures = secrets.Select(secret => "v1=" + WebhookSignature.Compute(secret, timestamp, body));
        request.Headers.Add(WebhookSignature.HeaderName, string.Join(',', signatures.Prepend("t=" + timestamp.ToString(CultureInfo.InvariantCulture))));
        request.Headers.Add("KooGate-Event-Id", id);
        request.Headers.Add("KooGate-Event-Type", type);
    }
}

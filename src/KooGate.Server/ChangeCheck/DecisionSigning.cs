using System.Globalization;
using KooGate.Server.Outbox;

namespace KooGate.Server.ChangeCheck;

/// <summary>
/// Signs a decision request exactly as KooGate signs its webhook deliveries (the same secrets and header), so the
/// seller's app verifies both with one routine. The only place that knows the scheme for decisions: when deliveries
/// change scheme, this follows.
/// </summary>
public static class DecisionSigning
{
    public static void Sign(HttpRequestMessage request, string id, IReadOnlyList<string> secrets, DateTimeOffset now, byte[] body)
    {
        var timestamp = now.ToUnixTimeSeconds();
        var signatures = secrets.Select(secret => "v1=" + WebhookSignature.Compute(secret, timestamp, body));
        request.Headers.Add(WebhookSignature.HeaderName, string.Join(',', signatures.Prepend("t=" + timestamp.ToString(CultureInfo.InvariantCulture))));
        request.Headers.Add("KooGate-Event-Id", id);
        request.Headers.Add("KooGate-Event-Type", ChangeCheckDecider.EventType);
    }
}

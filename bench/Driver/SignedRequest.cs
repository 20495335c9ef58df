using System.Text.Json;
using KooGate.Protocol;
using KooGate.Protocol.Signing;

namespace KooGate.Bench;

/// <summary>A V2 basic call signed as KooGallery signs it: fresh nonce, current timestamp (saas-v2.md §2.2).</summary>
internal static class SignedRequest
{
    public const string ProducePath = "/produce";

    public static string NewInstanceBody(string prefix, long index) => JsonSerializer.Serialize(new Dictionary<string, string>
    {
        ["activity"] = "newInstance",
        ["orderId"] = $"{prefix}ORD{index:D8}",
        ["orderLineId"] = $"{prefix}ORD{index:D8}-000001",
        ["businessId"] = $"{prefix}{index:D8}",
    });

    public static string QueryInstanceBody(string instanceId) => JsonSerializer.Serialize(new Dictionary<string, string>
    {
        ["activity"] = "queryInstance",
        ["instanceId"] = instanceId,
    });

    /// <summary>The path and query of the signed call.</summary>
    public static string PathAndQuery(string key, string body, DateTimeOffset now)
    {
        var timestamp = KooTime.ToEpochMilliseconds(now);
        var nonce = Guid.NewGuid().ToString("N");
        return $"{ProducePath}?{V2Signature.SignedQuery(key, nonce, timestamp, body)}";
    }
}

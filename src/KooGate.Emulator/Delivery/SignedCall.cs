using System.Security.Cryptography;
using KooGate.Protocol;
using KooGate.Protocol.Messages;
using KooGate.Protocol.Signing;

namespace KooGate.Emulator.Delivery;

/// <summary>
/// Puts a serialised V2 payload on the wire exactly as KooGallery does: a fresh nonce and timestamp and the signature
/// over them. The one code path for both the deliveries (<see cref="CallBuilder"/>) and the load generator.
/// </summary>
public static class SignedCall
{
    private static readonly KeyValuePair<string, string>[] AcceptJson = [new("Accept", "application/json")];

    /// <summary>V2 basic and License-code 2.0: POST JSON to the address with signature/timestamp/nonce in the query.</summary>
    public static OutboundRequest V2Basic(string activity, string productionUrl, string body, string? key, DateTimeOffset now)
    {
        var timestamp = KooTime.ToEpochMilliseconds(now);
        var nonce = NewNonce();
        // Without a key (a probe of an unconfigured product) the signature is sent empty.
        var url = AppendQuery(productionUrl, key is null
            ? $"{V2Signature.SignatureParameter}=&{V2Signature.TimestampParameter}={timestamp}&{V2Signature.NonceParameter}={nonce}"
            : V2Signature.SignedQuery(key, nonce, timestamp, body));
        return new OutboundRequest(activity, HttpMethod.Post, url, AcceptJson, body, key, BodySignRequired: false);
    }

    /// <summary>Kit V2: POST to address + /produceAPI/v2/name with x-sign over the payload itself (decision 4).</summary>
    public static OutboundRequest KitV2(string interfaceName, string productionUrl, string body, string? key, DateTimeOffset now)
    {
        var timestamp = KooTime.ToEpochMilliseconds(now);
        var nonce = NewNonce();
        var url = new Uri(productionUrl.TrimEnd('/') + KitInterfaces.V2Path(interfaceName));
        var headers = key is null
            ? [new(KitSignature.SignHeader, string.Empty), new(KitSignature.TimestampHeader, timestamp), new(KitSignature.NonceHeader, nonce)]
            : KitSignature.SignedHeaders(key, nonce, timestamp, body);
        return new OutboundRequest(interfaceName, HttpMethod.Post, url, headers, body, key, BodySignRequired: false);
    }

    public static Uri AppendQuery(string address, string query) =>
        new(address + (address.Contains('?', StringComparison.Ordinal) ? "&" : "?") + query);

    /// <summary>64 upper-case hex characters, like the documented examples.</summary>
    public static string NewNonce() => RandomNumberGenerator.GetHexString(64);
}

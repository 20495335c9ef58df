using KooGate.Protocol;
using KooGate.Protocol.Messages;
using KooGate.Protocol.Signing;

namespace KooGate.Conformance.Wire;

/// <summary>Kit V2: POST JSON to <c>{production URL}/produceAPI/v2/{name}</c> with <c>x-sign</c> headers (saas-v2.md §2.3).</summary>
internal sealed class KitV2Channel(Uri productionUrl, string key, TimeProvider time) : JsonChannel(productionUrl, key, time)
{
    public override bool HasNonce => true;

    public override bool RequiresBodySign => false;

    public override WireRequest Build(string? kitName, byte[] body, Fault fault)
    {
        ArgumentNullException.ThrowIfNull(kitName);
        var nonce = NewNonce();
        var timestamp = KooTime.ToEpochMilliseconds(SigningTime(fault, V2Channel.StaleBy));
        var headers = new List<KeyValuePair<string, string>>
        {
            new(KitSignature.TimestampHeader, timestamp),
            new(KitSignature.NonceHeader, nonce),
        };
        if (fault != Fault.MissingSignature)
        {
            headers.Add(new(KitSignature.SignHeader, KitSignature.Compute(SigningKey(fault), nonce, timestamp, body).ToUpperInvariant()));
        }

        return new WireRequest(HttpMethod.Post, WithPath(KitInterfaces.V2Path(kitName)), headers, Sent(body, fault));
    }
}

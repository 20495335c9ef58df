using System.Text;
using KooGate.Protocol;
using KooGate.Protocol.Messages;
using KooGate.Protocol.Signing;

namespace KooGate.Conformance.Wire;

/// <summary>
/// Kit V2: POST JSON to <c>{production URL}/produceAPI/v2/{name}</c> with <c>x-sign</c> headers (saas-v2.md §2.3),
/// signed by the Protocol signer the emulator uses (<see cref="KitSignature.SignedHeaders"/>).
/// </summary>
internal sealed class KitV2Channel(Uri productionUrl, string key, TimeProvider time) : JsonChannel(productionUrl, key, time)
{
    public override bool HasNonce => true;

    public override bool RequiresBodySign => false;

    public override WireRequest Build(string? kitName, byte[] body, Fault fault)
    {
        ArgumentNullException.ThrowIfNull(kitName);
        var timestamp = KooTime.ToEpochMilliseconds(SigningTime(fault, V2Channel.StaleBy));
        var headers = KitSignature.SignedHeaders(SigningKey(fault), NewNonce(), timestamp, Encoding.UTF8.GetString(body))
            .Where(h => fault != Fault.MissingSignature || h.Key != KitSignature.SignHeader)
            .ToList();
        return new WireRequest(HttpMethod.Post, WithPath(KitInterfaces.V2Path(kitName)), headers, Tampering.Sent(body, fault));
    }
}

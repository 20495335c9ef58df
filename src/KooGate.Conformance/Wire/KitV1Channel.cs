using KooGate.Protocol;
using KooGate.Protocol.Messages;
using KooGate.Protocol.Signing;

namespace KooGate.Conformance.Wire;

/// <summary>
/// Kit V1: POST JSON to <c>{production URL}/produceAPI/{name}</c>, <c>authToken</c> header over the body fields with
/// the V1 Key; the body's <c>timeStamp</c> (<see cref="BodyTimeStamp"/>) is the signing time (saas-v1-and-joint.md
/// §2.2). Replies need <c>Body-Sign</c>.
/// </summary>
internal sealed class KitV1Channel(Uri productionUrl, string key, TimeProvider time) : JsonChannel(productionUrl, key, time)
{
    public override bool HasNonce => false;

    public override bool RequiresBodySign => true;

    public override string BodyTimeStamp(Fault fault) => KooTime.ToChina17(SigningTime(fault, V1GetChannel.StaleBy));

    public override WireRequest Build(string? kitName, byte[] body, Fault fault)
    {
        ArgumentNullException.ThrowIfNull(kitName);
        if (!AuthToken.TryFlattenBody(body, out var fields))
        {
            throw new InvalidOperationException("a Kit body must be a JSON object");
        }

        List<KeyValuePair<string, string>> headers = fault == Fault.MissingSignature
            ? []
            : [new(AuthToken.ParameterName, AuthToken.Compute(SigningKey(fault), fields, skipBlank: true))];
        return new WireRequest(HttpMethod.Post, WithPath(KitInterfaces.V1Path(kitName)), headers, Tampering.Sent(body, fault));
    }
}

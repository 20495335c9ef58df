using System.Text;
using System.Text.Json.Nodes;
using KooGate.Protocol;
using KooGate.Protocol.Messages;
using KooGate.Protocol.Signing;

namespace KooGate.Conformance.Wire;

/// <summary>
/// Kit V1: POST JSON to <c>{production URL}/produceAPI/{name}</c>, <c>authToken</c> header over the body fields with
/// the V1 Key; the body's <c>timeStamp</c> is the signing time (saas-v1-and-joint.md §2.2). Replies need <c>Body-Sign</c>.
/// </summary>
internal sealed class KitV1Channel(Uri productionUrl, string key, TimeProvider time) : JsonChannel(productionUrl, key, time)
{
    public override bool HasNonce => false;

    public override bool RequiresBodySign => true;

    public override WireRequest Build(string? kitName, byte[] body, Fault fault)
    {
        ArgumentNullException.ThrowIfNull(kitName);
        var root = JsonNode.Parse(body)!.AsObject();
        root[AuthToken.TimeStampParameter] = KooTime.ToChina17(SigningTime(fault, V1GetChannel.StaleBy));
        var signed = Encoding.UTF8.GetBytes(root.ToJsonString());
        if (!AuthToken.TryFlattenBody(signed, out var fields))
        {
            throw new InvalidOperationException("a Kit body must be a JSON object");
        }

        var headers = new List<KeyValuePair<string, string>>();
        if (fault != Fault.MissingSignature)
        {
            headers.Add(new(AuthToken.ParameterName, AuthToken.Compute(SigningKey(fault), fields, skipBlank: true)));
        }

        var sent = Sent(signed, fault);
        return new WireRequest(HttpMethod.Post, WithPath(KitInterfaces.V1Path(kitName)), headers, sent);
    }
}

using KooGate.Protocol;
using KooGate.Protocol.Signing;

namespace KooGate.Conformance.Wire;

/// <summary>
/// SaaS V1 and legacy License: GET with every value in the query and an <c>authToken</c> over them with the V1 Key
/// (README decision 5). Replies need <c>Body-Sign</c>. There is no nonce.
/// </summary>
internal sealed class V1GetChannel(Uri productionUrl, string key, TimeProvider time) : Channel(productionUrl, key, time)
{
    /// <summary>
    /// V1 documents no window (saas-v1-and-joint.md §2.1); a day-old <c>timeStamp</c> is a replay by any reading.
    /// </summary>
    public static readonly TimeSpan StaleBy = TimeSpan.FromDays(1);

    public override bool HasNonce => false;

    public override bool RequiresBodySign => true;

    public WireRequest Build(IReadOnlyList<KeyValuePair<string, string?>> parameters, Fault fault)
    {
        var timeStamp = KooTime.ToUtc17(SigningTime(fault, StaleBy));
        var signed = parameters.Where(p => p.Key is not (AuthToken.ParameterName or AuthToken.TimeStampParameter) && p.Value is not null)
            .Append(new(AuthToken.TimeStampParameter, timeStamp))
            .ToList();
        var token = AuthToken.Compute(SigningKey(fault), signed);
        var sent = fault == Fault.TamperedBody ? Tamper(signed) : signed;
        if (fault != Fault.MissingSignature)
        {
            sent.Add(new(AuthToken.ParameterName, token));
        }

        if (fault == Fault.DuplicateKey)
        {
            // The signed debug call with a second, real testFlag after the token.
            sent.Add(new("testFlag", "0"));
        }

        return new WireRequest(HttpMethod.Get, WithQuery(ProductionUrl, QueryString.Build(sent)), [], null);
    }

    private static List<KeyValuePair<string, string?>> Tamper(List<KeyValuePair<string, string?>> parameters)
    {
        var target = Tampering.Target(parameters.Select(p => p.Key));
        return [.. parameters.Select(p => p.Key == target ? new KeyValuePair<string, string?>(p.Key, p.Value + "X") : p)];
    }
}

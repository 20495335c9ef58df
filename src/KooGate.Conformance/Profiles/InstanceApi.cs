using KooGate.Conformance.Checks;
using KooGate.Conformance.Wire;
using KooGate.Protocol.Messages;

namespace KooGate.Conformance.Profiles;

/// <summary>What one call is about; an operation uses the fields it needs.</summary>
internal sealed record OpArgs(string InstanceId, string OrderId, string BusinessId, bool Test)
{
    public string TestFlag => Test ? TestFlags.Debug : TestFlags.Real;

    public string OrderLineId => OrderId + "-000001";
}

/// <summary>
/// One interface of an instance family (newInstance, refreshInstance, getLicense…): how to build its signed request
/// and which reply type validates its success. <paramref name="ChangeOnly"/> marks the 续费变更 interfaces that only
/// products enabling renewal changes implement (checked with <c>--change-check</c>).
/// </summary>
internal sealed record InstanceOperation(
    string Name,
    Func<OpArgs, Fault, WireRequest> Build,
    Func<Exchange, Channel, string, string[], Exchange> ExpectCode,
    bool UnknownIsNotFound,
    bool ChangeOnly)
{
    public static InstanceOperation Of<TResponse>(
        string name, Func<OpArgs, Fault, WireRequest> build, bool unknownIsNotFound = true, bool changeOnly = false)
        where TResponse : class, IProduceResponse =>
        new(name, build, Expect.Code<TResponse>, unknownIsNotFound, changeOnly);
}

/// <summary>
/// An instance-shaped family (SaaS V2, SaaS V1, legacy License, license codes, order notification): optional create
/// and query, then the calls of a lifecycle in the order KooGallery makes them, release last.
/// </summary>
internal sealed record InstanceApi(
    string Family,
    Channel Channel,
    string Spec,
    InstanceOperation? Create,
    IReadOnlyList<string> IdentityFields,
    InstanceOperation? Query,
    IReadOnlyList<InstanceOperation> Lifecycle,
    string? NoCreateReason = null);

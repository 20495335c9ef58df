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
/// What a create answered that every retry of its order must answer again: the <c>instanceId</c> first (saas-v2.md
/// §1.7), for <c>getLicense</c> also the <c>license</c> (license-order-openapi.md §B.1). Absent and empty are both null.
/// </summary>
internal sealed record Identity(IReadOnlyList<KeyValuePair<string, string?>> Fields)
{
    public string? InstanceId => Fields[0].Value;

    public static Identity Of(params (string Field, string? Value)[] fields) =>
        new([.. fields.Select(f => new KeyValuePair<string, string?>(f.Field, string.IsNullOrEmpty(f.Value) ? null : f.Value))]);

    /// <summary>The same values with the instance a provisioning follow-up settled on.</summary>
    public Identity WithInstanceId(string instanceId) =>
        new([new(Fields[0].Key, instanceId), .. Fields.Skip(1)]);
}

/// <summary>
/// One interface of an instance family (newInstance, refreshInstance, getLicense…): how to build its signed request
/// and which reply record validates its success. <paramref name="ChangeOnly"/> marks the 续费变更 interfaces that only
/// products enabling renewal changes implement (checked with <c>--change-check</c>). A create also reads its
/// <see cref="Identity"/> from its reply record.
/// </summary>
internal sealed record InstanceOperation(
    string Name,
    Func<OpArgs, Fault, WireRequest> Build,
    Func<Exchange, Channel, string, string[], Exchange> ExpectCode,
    bool UnknownIsNotFound,
    bool ChangeOnly,
    Func<Exchange, string, Identity>? ReadIdentity = null)
{
    public static InstanceOperation Of<TResponse>(
        string name, Func<OpArgs, Fault, WireRequest> build, bool unknownIsNotFound = true, bool changeOnly = false)
        where TResponse : class, IProduceResponse =>
        new(name, build, Expect.Code<TResponse>, unknownIsNotFound, changeOnly);

    public static InstanceOperation Creating<TResponse>(string name, Func<OpArgs, Fault, WireRequest> build, Func<TResponse, Identity> identity)
        where TResponse : class, IProduceResponse =>
        new(name, build, Expect.Code<TResponse>, UnknownIsNotFound: true, ChangeOnly: false,
            (exchange, step) => identity(Expect.Read<TResponse>(exchange, step)));

    /// <summary>The identity a create's reply carries; a reply its record cannot read fails the check.</summary>
    public Identity Identify(Exchange answer, string step) =>
        (ReadIdentity ?? throw new InvalidOperationException($"{Name} creates nothing"))(answer, step);
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
    InstanceOperation? Query,
    IReadOnlyList<InstanceOperation> Lifecycle,
    string? NoCreateReason = null);

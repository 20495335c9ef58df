using KooGate.Protocol.Messages;
using KooGate.Protocol.Signing;
using KooGate.Server.Configuration;
using Microsoft.Extensions.Options;

namespace KooGate.Server.Produce.Pipeline.Families;

/// <summary>
/// <c>GET {production path}?activity=…</c>: SaaS V1 and the legacy License guide, signed with the <c>authToken</c>
/// parameter and the V1 Key. Every reply, errors included, carries <c>Body-Sign</c> computed with the V1 Key over the
/// exact body bytes (README decisions 5 and 6).
/// </summary>
public sealed class V1GetFamily(InterfaceKeys keys, IEnumerable<V1Route> routes, IOptions<KooGateOptions> options) : ProduceFamily
{
    private readonly Dictionary<string, V1Route> _routes = routes.ToDictionary(r => r.Activity, StringComparer.Ordinal);

    public override string Name => "v1";

    public override bool HasBody => false;

    public override bool SignsEveryReply => true;

    public override void Route(ProduceExchange call)
    {
        call.KeyType = InterfaceType.V1;
        call.Keys = keys.For(InterfaceType.V1);
        UseParameters(call, plusAsSpace: false);
    }

    public override SignatureCheck Verify(ProduceExchange call) => AuthToken.VerifyQuery(call.Keys, call.Payload!);

    public override ProduceResult? ReadFields(ProduceExchange call)
    {
        if (call.Check.Variant == PayloadVariant.PlusAsSpace)
        {
            // The token matched with '+' read as a space: the values a handler reads are the ones that were verified.
            UseParameters(call, plusAsSpace: true);
        }

        call.IsTest = Lookup(call.Parameters, "testFlag") == "1";
        return null;
    }

    /// <summary>V1 has no nonce: the UTC <c>timeStamp</c> must be inside the window (README decision 8).</summary>
    public override ValueTask<ProduceResult?> CheckReplayAsync(ProduceExchange call) =>
        ValueTask.FromResult(V1Timestamp.Problem(Lookup(call.Parameters, AuthToken.TimeStampParameter), chinaTime: false, call.Now,
            options.Value.V1.TimestampWindowSeconds) is { } problem ? ProduceResult.Invalid(problem) : null);

    /// <summary>A bad field answers <c>000002</c> naming it, as V1 always has (without the V2 "param is invalid" prefix).</summary>
    public override ProduceResult? BindRequest(ProduceExchange call)
    {
        if (RouteOf(call) is not { } route)
        {
            return null;
        }

        var error = route.Bind(call.Parameters, out var request);
        call.Request = request;
        return error is null ? null : ProduceResult.Invalid(error.ToString());
    }

    public override object? ResolveHandler(ProduceExchange call, IServiceProvider services) => RouteOf(call)?.Resolve(services);

    public override ProduceResult Unsupported(ProduceExchange call) =>
        ProduceResult.Invalid(call.Activity is null ? "activity is missing" : $"activity {call.Activity} is not supported");

    public override Task<ProduceResult> HandleAsync(ProduceExchange call, CancellationToken cancellationToken) =>
        RouteOf(call)!.HandleAsync(call, call.Keys[Math.Max(call.Check.KeyIndex, 0)], cancellationToken);

    /// <summary>V1 creates are keyed (orderId, productId): the product stands in for the order line.</summary>
    public override CallDeadline.CreateKey? CreateKey(ProduceExchange call) =>
        call.Activity == Activities.NewInstance
        && Lookup(call.Parameters, "orderId") is { Length: > 0 } orderId
        && Lookup(call.Parameters, "productId") is { Length: > 0 } productId
            ? new CallDeadline.CreateKey(orderId, productId, call.IsTest)
            : null;

    public override string? LoggedBody(ProduceExchange call) => null;

    private V1Route? RouteOf(ProduceExchange call) => call.Activity is null ? null : _routes.GetValueOrDefault(call.Activity);

    private static string RawQuery(ProduceExchange call) => call.Http.Request.QueryString.Value ?? string.Empty;

    private void UseParameters(ProduceExchange call, bool plusAsSpace)
    {
        call.Parameters = Protocol.Signing.QueryString.Parse(RawQuery(call), plusAsSpace);
        call.Activity = Lookup(call.Parameters, "activity");
        call.LogFamily = call.Activity is not null && _routes.TryGetValue(call.Activity, out var route) ? route.LogFamily : Name;
    }
}

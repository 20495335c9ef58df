using System.Text.Json;
using KooGate.Protocol.Messages;
using KooGate.Protocol.Signing;
using KooGate.Server.Configuration;
using KooGate.Server.Produce.SaasV2;
using Microsoft.Extensions.Options;

namespace KooGate.Server.Produce.Pipeline.Families;

/// <summary>
/// <c>POST {production path}</c>: SaaS V2, license code 2.0, <c>getLicenseAsync</c> and <c>orderNotify</c>, signed with
/// <c>signature</c>/<c>timestamp</c>/<c>nonce</c> query parameters over the raw body, the key chosen by the activity's
/// interface type (saas-v2.md §2.1–2.2; license-order-openapi.md §A.3).
/// </summary>
public sealed class V2BasicFamily(InterfaceKeys keys, IEnumerable<ActivityRoute> routes, NonceReplayGuard replay, IOptions<KooGateOptions> options)
    : ProduceFamily
{
    private readonly Dictionary<string, ActivityRoute> _routes = routes.ToDictionary(r => r.Activity, StringComparer.Ordinal);

    public override string Name => "saas-v2";

    public override void Route(ProduceExchange call)
    {
        call.Document = call.Body is null ? null : TryParse(call.Body);
        call.Activity = PeekActivity(call.Document);
        var route = RouteOf(call);
        call.KeyType = route?.KeyTypes[0] ?? InterfaceType.Basic;
        call.Keys = route is null ? keys.For(InterfaceType.Basic) : [.. route.KeyTypes.SelectMany(keys.For)];
        call.LogFamily = route?.LogFamily ?? Name;
    }

    public override SignatureCheck Verify(ProduceExchange call)
    {
        var query = call.Http.Request.Query;
        return V2Signature.Verify(call.Keys, query[V2Signature.SignatureParameter], query[V2Signature.TimestampParameter],
            query[V2Signature.NonceParameter], call.Payload!, call.Now, TimeSpan.FromSeconds(options.Value.TimestampWindowSeconds));
    }

    public override ValueTask<ProduceResult?> CheckReplayAsync(ProduceExchange call) =>
        replay.CheckAsync(call, call.Http.Request.Query[V2Signature.NonceParameter].ToString());

    public override ProduceResult? BindRequest(ProduceExchange call)
    {
        if (RouteOf(call) is not { } route)
        {
            return null;
        }

        var error = route.Bind(call.Document!.RootElement, out var request);
        call.Request = request;
        return error is null ? null : new ProduceResult(error.ToResultCode());
    }

    public override object? ResolveHandler(ProduceExchange call, IServiceProvider services) => RouteOf(call)?.Resolve(services);

    public override ProduceResult Unsupported(ProduceExchange call) =>
        ProduceResult.Invalid(call.Activity is null ? "activity is missing" : $"activity {call.Activity} is not supported");

    public override Task<ProduceResult> HandleAsync(ProduceExchange call, CancellationToken cancellationToken) =>
        RouteOf(call)!.HandleAsync(call, cancellationToken);

    public override CallDeadline.CreateKey? CreateKey(ProduceExchange call)
    {
        // The request is bound before the deadline starts, so a create answered at its deadline still names its line.
        (string? OrderId, string? LineId) key = call.Request switch
        {
            NewInstanceMessage { Current: { } current } => (current.OrderId, current.OrderLineId),
            NewInstanceMessage { Inline.OrderInfo: [var order, ..] } => (order.OrderId, order.LineKey),
            _ => (null, null),
        };
        return key is ({ Length: > 0 } orderId, { Length: > 0 } lineId) ? new CallDeadline.CreateKey(orderId, lineId, call.IsTest) : null;
    }

    private ActivityRoute? RouteOf(ProduceExchange call) => call.Activity is null ? null : _routes.GetValueOrDefault(call.Activity);

    /// <summary>The <c>activity</c> string, read before verification only to choose the key type.</summary>
    private static string? PeekActivity(JsonDocument? document)
    {
        try
        {
            return document is { RootElement.ValueKind: JsonValueKind.Object }
                && document.RootElement.TryGetProperty("activity", out var activity)
                && activity.ValueKind == JsonValueKind.String
                ? activity.GetString()
                : null;
        }
        catch (InvalidOperationException)
        {
            // The activity string is not valid UTF-8: refused like a call without an activity.
            return null;
        }
    }
}

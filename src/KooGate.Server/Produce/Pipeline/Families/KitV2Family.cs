using KooGate.Protocol.Signing;
using KooGate.Server.Configuration;
using Microsoft.Extensions.Options;

namespace KooGate.Server.Produce.Pipeline.Families;

/// <summary>
/// <c>POST {production path}/produceAPI/v2/{name}</c>: the Kit V2 syncs, signed with the <c>x-sign</c>,
/// <c>x-timestamp</c> and <c>x-nonce</c> headers and the Kit key (saas-v2.md §1.1, §3.8).
/// </summary>
public sealed class KitV2Family(InterfaceKeys keys, NonceReplayGuard replay, KitRoutes routes, IOptions<KooGateOptions> options) : ProduceFamily
{
    public override string Name => "kit-v2";

    public override void Route(ProduceExchange call)
    {
        call.Activity = call.PathName;
        call.KeyType = InterfaceType.Kit;
        call.Keys = keys.For(InterfaceType.Kit);
    }

    public override SignatureCheck Verify(ProduceExchange call)
    {
        var headers = call.Http.Request.Headers;
        return KitSignature.Verify(call.Keys, headers[KitSignature.SignHeader], headers[KitSignature.TimestampHeader],
            headers[KitSignature.NonceHeader], call.Payload!, call.Now, TimeSpan.FromSeconds(options.Value.TimestampWindowSeconds));
    }

    public override ValueTask<ProduceResult?> CheckReplayAsync(ProduceExchange call) =>
        replay.CheckAsync(call, call.Http.Request.Headers[KitSignature.NonceHeader].ToString());

    public override ProduceResult? BindRequest(ProduceExchange call) => routes.Bind(call);

    public override object? ResolveHandler(ProduceExchange call, IServiceProvider services) => routes.Resolve(call, services);

    public override ProduceResult Unsupported(ProduceExchange call) => KitRoutes.Unsupported(call);

    public override Task<ProduceResult> HandleAsync(ProduceExchange call, CancellationToken cancellationToken) =>
        routes.HandleAsync(call, cancellationToken);
}

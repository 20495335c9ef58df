namespace KooGate.Server.Produce.Pipeline.Families;

/// <summary>Kit V2 and Kit V1 reach the same handlers, keyed by interface name (saas-v2.md §3.8; joint §5).</summary>
internal static class KitHandlers
{
    public static object? Resolve(ProduceExchange call, IServiceProvider services) =>
        services.GetKeyedService<IKitHandler>(call.Activity);

    public static ProduceResult Unsupported(ProduceExchange call) =>
        ProduceResult.Invalid($"Kit interface {call.Activity} is not supported");

    public static Task<ProduceResult> HandleAsync(ProduceExchange call, CancellationToken cancellationToken) =>
        ((IKitHandler)call.Handler!).HandleAsync(new ProduceCall(call.Activity!, call.Fields!, call.IsTest, call.Now), cancellationToken);
}

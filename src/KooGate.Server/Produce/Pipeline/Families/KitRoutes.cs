namespace KooGate.Server.Produce.Pipeline.Families;

/// <summary>Kit V2 and Kit V1 reach the same handlers, keyed by interface name (saas-v2.md §3.8; joint §5).</summary>
public sealed class KitRoutes(IEnumerable<KitRoute> routes)
{
    private readonly Dictionary<string, KitRoute> _routes = routes.ToDictionary(r => r.Name, StringComparer.Ordinal);

    /// <summary>Parses and validates the verified body into the interface's typed request; null when valid or unknown.</summary>
    public ProduceResult? Bind(ProduceExchange call)
    {
        if (RouteOf(call) is not { } route)
        {
            return null;
        }

        var error = route.Bind(call.Document!.RootElement, out var request);
        call.Request = request;
        return error is null ? null : new ProduceResult(error.ToResultCode());
    }

    public object? Resolve(ProduceExchange call, IServiceProvider services) => RouteOf(call)?.Resolve(services);

    public static ProduceResult Unsupported(ProduceExchange call) =>
        ProduceResult.Invalid($"Kit interface {call.Activity} is not supported");

    public Task<ProduceResult> HandleAsync(ProduceExchange call, CancellationToken cancellationToken) =>
        RouteOf(call)!.HandleAsync(call, cancellationToken);

    private KitRoute? RouteOf(ProduceExchange call) => call.Activity is null ? null : _routes.GetValueOrDefault(call.Activity);
}

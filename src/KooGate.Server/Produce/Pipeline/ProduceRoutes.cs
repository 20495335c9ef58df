using KooGate.Server.Configuration;

namespace KooGate.Server.Produce.Pipeline;

/// <summary>A V2 activity (POST at the production path): the key types that verify it, current first.</summary>
public sealed record ActivityRoute(string Activity, IReadOnlyList<InterfaceType> KeyTypes)
{
    /// <summary>The callback-log and metrics family, named after the key type.</summary>
    public string LogFamily => KeyTypes[0] switch
    {
        InterfaceType.License => "license-code",
        InterfaceType.General => "general",
        _ => "saas-v2",
    };
}

/// <summary>A V1 GET activity and its callback-log family (<c>saas-v1</c> or <c>license-v1</c>).</summary>
public sealed record V1Route(string Activity, string LogFamily);

/// <summary>
/// Registers the handlers of the production interface keyed by what selects them, so a call resolves only its own
/// handler; the route records carry what must be known before a handler exists (the key type that verifies it).
/// </summary>
public static class ProduceRouteRegistration
{
    public static IServiceCollection AddActivityHandler<THandler>(this IServiceCollection services, string activity, params InterfaceType[] keyTypes)
        where THandler : class, IActivityHandler
    {
        services.AddKeyedScoped<IActivityHandler, THandler>(activity);
        return services.AddSingleton(new ActivityRoute(activity, keyTypes));
    }

    public static IServiceCollection AddKitHandler<THandler>(this IServiceCollection services, string name)
        where THandler : class, IKitHandler =>
        services.AddKeyedScoped<IKitHandler, THandler>(name);

    public static IServiceCollection AddV1Handler<THandler>(this IServiceCollection services, string activity, string logFamily)
        where THandler : class, IV1Handler
    {
        services.AddKeyedScoped<IV1Handler, THandler>(activity);
        return services.AddSingleton(new V1Route(activity, logFamily));
    }
}

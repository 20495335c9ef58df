using System.Text.Json;
using KooGate.Protocol.Validation;
using KooGate.Server.Configuration;

namespace KooGate.Server.Produce.Pipeline;

/// <summary>Binds a verified body to its typed request; null when it is valid, else the field at fault.</summary>
public delegate FieldError? RequestBinder<TRequest>(JsonElement root, out TRequest? request)
    where TRequest : class;

/// <summary>
/// A V2 activity (POST at the production path): the key types that verify it, current first, and how its body becomes
/// the typed request its handler takes.
/// </summary>
public abstract record ActivityRoute(string Activity, IReadOnlyList<InterfaceType> KeyTypes)
{
    /// <summary>The callback-log and metrics family, named after the key type.</summary>
    public string LogFamily => KeyTypes[0] switch
    {
        InterfaceType.License => "license-code",
        InterfaceType.General => "general",
        _ => "saas-v2",
    };

    /// <summary>Parses and validates the body into the typed request (<see cref="ProduceExchange.Request"/>).</summary>
    public abstract FieldError? Bind(JsonElement root, out object? request);

    public abstract object? Resolve(IServiceProvider services);

    public abstract Task<ProduceResult> HandleAsync(ProduceExchange call, CancellationToken cancellationToken);
}

/// <summary>The route of an <see cref="IActivityHandler{TRequest}"/>.</summary>
public sealed record ActivityRoute<TRequest>(string Activity, IReadOnlyList<InterfaceType> KeyTypes, RequestBinder<TRequest> Binder)
    : ActivityRoute(Activity, KeyTypes)
    where TRequest : class
{
    /// <summary>The Protocol record's own rules (<see cref="ProduceRequestParser"/>).</summary>
    public static FieldError? Parse(JsonElement root, out TRequest? request) =>
        ProduceRequestParser.TryParse(root, out request, out var error) ? null : error;

    public override FieldError? Bind(JsonElement root, out object? request)
    {
        var error = Binder(root, out var typed);
        request = typed;
        return error;
    }

    public override object? Resolve(IServiceProvider services) => services.GetKeyedService<IActivityHandler<TRequest>>(Activity);

    public override Task<ProduceResult> HandleAsync(ProduceExchange call, CancellationToken cancellationToken) =>
        ((IActivityHandler<TRequest>)call.Handler!).HandleAsync(
            new ProduceCall<TRequest>(Activity, (TRequest)call.Request!, call.IsTest, call.Now), cancellationToken);
}

/// <summary>
/// A Kit interface (<c>/produceAPI/v2/{name}</c>, <c>/produceAPI/{name}</c>): how its verified body becomes the typed
/// request its handler takes.
/// </summary>
public abstract record KitRoute(string Name)
{
    /// <summary>Parses and validates the body into the typed request (<see cref="ProduceExchange.Request"/>).</summary>
    public abstract FieldError? Bind(JsonElement root, out object? request);

    public abstract object? Resolve(IServiceProvider services);

    public abstract Task<ProduceResult> HandleAsync(ProduceExchange call, CancellationToken cancellationToken);
}

/// <summary>The route of an <see cref="IKitHandler{TRequest}"/>.</summary>
public sealed record KitRoute<TRequest>(string Name) : KitRoute(Name)
    where TRequest : class
{
    public override FieldError? Bind(JsonElement root, out object? request)
    {
        var error = ActivityRoute<TRequest>.Parse(root, out var typed);
        request = typed;
        return error;
    }

    public override object? Resolve(IServiceProvider services) => services.GetKeyedService<IKitHandler<TRequest>>(Name);

    public override Task<ProduceResult> HandleAsync(ProduceExchange call, CancellationToken cancellationToken) =>
        ((IKitHandler<TRequest>)call.Handler!).HandleAsync(
            new ProduceCall<TRequest>(Name, (TRequest)call.Request!, call.IsTest, call.Now), cancellationToken);
}

/// <summary>
/// A V1 GET activity, its callback-log family (<c>saas-v1</c> or <c>license-v1</c>) and how its verified parameters
/// become the typed request its handler takes.
/// </summary>
public abstract record V1Route(string Activity, string LogFamily)
{
    /// <summary>Binds and validates the parameters into the typed request (<see cref="ProduceExchange.Request"/>).</summary>
    public abstract FieldError? Bind(IReadOnlyList<KeyValuePair<string, string?>> parameters, out object? request);

    public abstract object? Resolve(IServiceProvider services);

    public abstract Task<ProduceResult> HandleAsync(ProduceExchange call, string key, CancellationToken cancellationToken);
}

/// <summary>The route of an <see cref="IV1Handler{TRequest}"/>.</summary>
public sealed record V1Route<TRequest>(string Activity, string LogFamily, Func<IReadOnlyList<KeyValuePair<string, string?>>, TRequest> FromQuery)
    : V1Route(Activity, LogFamily)
    where TRequest : class
{
    public override FieldError? Bind(IReadOnlyList<KeyValuePair<string, string?>> parameters, out object? request)
    {
        var message = FromQuery(parameters);
        var error = MessageValidator.Validate(message);
        request = error is null ? message : null;
        return error;
    }

    public override object? Resolve(IServiceProvider services) => services.GetKeyedService<IV1Handler<TRequest>>(Activity);

    public override Task<ProduceResult> HandleAsync(ProduceExchange call, string key, CancellationToken cancellationToken) =>
        ((IV1Handler<TRequest>)call.Handler!).HandleAsync(
            new V1Call<TRequest>(Activity, (TRequest)call.Request!, call.IsTest, call.Now, key), cancellationToken);
}

/// <summary>
/// Registers the handlers of the production interface keyed by what selects them, so a call resolves only its own
/// handler; the route records carry what must be known before a handler exists (the key type that verifies it).
/// </summary>
public static class ProduceRouteRegistration
{
    public static IServiceCollection AddActivityHandler<THandler, TRequest>(
        this IServiceCollection services, string activity, params InterfaceType[] keyTypes)
        where THandler : class, IActivityHandler<TRequest>
        where TRequest : class =>
        services.AddActivityHandler<THandler, TRequest>(activity, ActivityRoute<TRequest>.Parse, keyTypes);

    public static IServiceCollection AddActivityHandler<THandler, TRequest>(
        this IServiceCollection services, string activity, RequestBinder<TRequest> binder, params InterfaceType[] keyTypes)
        where THandler : class, IActivityHandler<TRequest>
        where TRequest : class
    {
        services.AddKeyedScoped<IActivityHandler<TRequest>, THandler>(activity);
        return services.AddSingleton<ActivityRoute>(new ActivityRoute<TRequest>(activity, keyTypes, binder));
    }

    public static IServiceCollection AddKitHandler<THandler, TRequest>(this IServiceCollection services, string name)
        where THandler : class, IKitHandler<TRequest>
        where TRequest : class
    {
        services.AddKeyedScoped<IKitHandler<TRequest>, THandler>(name);
        return services.AddSingleton<KitRoute>(new KitRoute<TRequest>(name));
    }

    public static IServiceCollection AddV1Handler<THandler, TRequest>(
        this IServiceCollection services, string activity, string logFamily, Func<IReadOnlyList<KeyValuePair<string, string?>>, TRequest> fromQuery)
        where THandler : class, IV1Handler<TRequest>
        where TRequest : class
    {
        services.AddKeyedScoped<IV1Handler<TRequest>, THandler>(activity);
        return services.AddSingleton<V1Route>(new V1Route<TRequest>(activity, logFamily, fromQuery));
    }
}

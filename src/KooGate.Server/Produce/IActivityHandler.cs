namespace KooGate.Server.Produce;

/// <summary>
/// One verified V2 or Kit call bound to its typed request from <c>KooGate.Protocol</c> (the definitions the emulator sends
/// with), already validated field by field; whether it is a debug probe, and the injected clock's now.
/// </summary>
public sealed record ProduceCall<TRequest>(string Activity, TRequest Request, bool IsTest, DateTimeOffset Now)
    where TRequest : class;

/// <summary>
/// Handles one <c>activity</c> of the POST production interface; registered keyed by its activity with the key types
/// that verify it (<see cref="Pipeline.ProduceRouteRegistration"/>).
/// </summary>
public interface IActivityHandler<TRequest>
    where TRequest : class
{
    Task<ProduceResult> HandleAsync(ProduceCall<TRequest> call, CancellationToken cancellationToken);
}

/// <summary>
/// Handles one Kit sync (<c>/produceAPI/v2/{name}</c> and <c>/produceAPI/{name}</c>); registered keyed by its name
/// (<see cref="Pipeline.ProduceRouteRegistration.AddKitHandler{THandler, TRequest}"/>).
/// </summary>
public interface IKitHandler<TRequest>
    where TRequest : class
{
    Task<ProduceResult> HandleAsync(ProduceCall<TRequest> call, CancellationToken cancellationToken);
}

namespace KooGate.Server.Produce;

/// <summary>One verified call: its fields, whether it is a debug probe, and the injected clock's now.</summary>
public sealed record ProduceCall(string Activity, RequestFields Fields, bool IsTest, DateTimeOffset Now)
{
    /// <summary>
    /// The body as its typed message from <c>KooGate.Protocol</c> (the definitions the emulator sends with), validated
    /// field by field; a violation becomes <c>000002</c> naming the field.
    /// </summary>
    public T Parse<T>()
        where T : class =>
        Protocol.Validation.ProduceRequestParser.TryParse<T>(Fields.Root, out var message, out var error)
            ? message
            : throw new FieldException(error.Field, error.Problem);
}

/// <summary>
/// Handles one <c>activity</c> of the POST production interface; registered keyed by its activity with the key types
/// that verify it (<see cref="Pipeline.ProduceRouteRegistration.AddActivityHandler{THandler}"/>).
/// </summary>
public interface IActivityHandler
{
    Task<ProduceResult> HandleAsync(ProduceCall call, CancellationToken cancellationToken);
}

/// <summary>Handles one Kit sync (<c>/produceAPI/v2/{name}</c> and <c>/produceAPI/{name}</c>); registered keyed by its name.</summary>
public interface IKitHandler
{
    Task<ProduceResult> HandleAsync(ProduceCall call, CancellationToken cancellationToken);
}

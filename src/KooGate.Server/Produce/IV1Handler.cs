using KooGate.Protocol.Validation;

namespace KooGate.Server.Produce;

/// <summary>
/// One verified V1 GET call: its URL-decoded parameters (first value of a repeated name), whether it is a debug probe,
/// the injected clock's now, and the V1 Key that verified it (which also encrypts and decrypts its AES fields).
/// </summary>
public sealed record V1Call(string Activity, IReadOnlyList<KeyValuePair<string, string?>> Parameters, bool IsTest, DateTimeOffset Now, string Key)
{
    /// <summary>Binds the parameters to a protocol message and validates it; a bad field throws <see cref="FieldException"/>.</summary>
    public T Bind<T>(Func<IReadOnlyList<KeyValuePair<string, string?>>, T> fromQuery)
        where T : class
    {
        var message = fromQuery(Parameters);
        return MessageValidator.Validate(message) is { } error ? throw new FieldException(error.Field, error.Problem) : message;
    }
}

/// <summary>
/// Handles one <c>activity</c> of the V1 GET production interface (SaaS V1 or legacy License); registered keyed by its
/// activity with its callback-log family (<see cref="Pipeline.ProduceRouteRegistration.AddV1Handler{THandler}"/>).
/// </summary>
public interface IV1Handler
{
    Task<ProduceResult> HandleAsync(V1Call call, CancellationToken cancellationToken);
}

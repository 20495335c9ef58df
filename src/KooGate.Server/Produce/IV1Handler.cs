namespace KooGate.Server.Produce;

/// <summary>
/// One verified V1 GET call bound to its typed, validated request from <c>KooGate.Protocol</c>: whether it is a debug
/// probe, the injected clock's now, and the V1 Key that verified it (which also encrypts and decrypts its AES fields).
/// </summary>
public sealed record V1Call<TRequest>(string Activity, TRequest Request, bool IsTest, DateTimeOffset Now, string Key)
    where TRequest : class;

/// <summary>
/// Handles one <c>activity</c> of the V1 GET production interface (SaaS V1 or legacy License); registered keyed by its
/// activity with its callback-log family (<see cref="Pipeline.ProduceRouteRegistration.AddV1Handler{THandler, TRequest}"/>).
/// </summary>
public interface IV1Handler<TRequest>
    where TRequest : class
{
    Task<ProduceResult> HandleAsync(V1Call<TRequest> call, CancellationToken cancellationToken);
}

using KooGate.Server.Configuration;

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

/// <summary>Handles one <c>activity</c> of the POST production interface.</summary>
public interface IActivityHandler
{
    string Activity { get; }

    /// <summary>Which bound key verifies this activity (saas-v2.md §2.1).</summary>
    InterfaceType KeyType { get; }

    /// <summary>The key types that verify this activity when the spec leaves it open; the first one is <see cref="KeyType"/>.</summary>
    IReadOnlyList<InterfaceType> AcceptedKeyTypes => [KeyType];

    Task<ProduceResult> HandleAsync(ProduceCall call, CancellationToken cancellationToken);
}

/// <summary>Handles one Kit sync sub-path (<c>/produceAPI/v2/{name}</c>).</summary>
public interface IKitHandler
{
    string Name { get; }

    Task<ProduceResult> HandleAsync(ProduceCall call, CancellationToken cancellationToken);
}

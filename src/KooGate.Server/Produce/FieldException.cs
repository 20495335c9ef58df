namespace KooGate.Server.Produce;

/// <summary>
/// A field a handler cannot use although it is well formed (a V1 value that does not decrypt with the V1 Key);
/// answered as <c>000002</c> naming the field.
/// </summary>
public sealed class FieldException(string field, string problem) : Exception($"{field} {problem}")
{
    public string Field { get; } = field;
}

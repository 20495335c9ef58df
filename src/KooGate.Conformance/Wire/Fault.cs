namespace KooGate.Conformance.Wire;

/// <summary>A deliberate defect in a signed request, which the production interface must refuse.</summary>
internal enum Fault
{
    None,

    /// <summary>Signed over one body (or query), sent with another: one value changed after signing.</summary>
    TamperedBody,

    /// <summary>Signed with a key the server does not hold.</summary>
    WrongKey,

    /// <summary>A timestamp far outside the accepted window (README decision 1).</summary>
    StaleTimestamp,

    /// <summary>No signature at all.</summary>
    MissingSignature,
}

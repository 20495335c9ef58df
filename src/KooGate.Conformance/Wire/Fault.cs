namespace KooGate.Conformance.Wire;

/// <summary>A deliberate defect in a signed request, which the production interface must refuse.</summary>
internal enum Fault
{
    None,

    /// <summary>Signed over one body (or query), sent with another: one value changed after signing.</summary>
    TamperedBody,

    /// <summary>Signed with a key the server does not hold.</summary>
    WrongKey,

    /// <summary>A timestamp far outside the accepted window, in the past (README decision 1).</summary>
    StaleTimestamp,

    /// <summary>A timestamp far outside the accepted window, in the future (README decision 1: both sides of now).</summary>
    FutureTimestamp,

    /// <summary>No signature at all.</summary>
    MissingSignature,

    /// <summary>V2: the inner hash is a plain SHA-256 of the body instead of HMAC-SHA256 under the key (README decision 2).</summary>
    UnkeyedInnerHash,

    /// <summary>Signed with the key bound to another interface type of the same address (saas-v2.md §2.1).</summary>
    OtherTypeKey,

    /// <summary>
    /// Correctly signed, then a second <c>testFlag</c> turning the debug call into a real one appended to the body
    /// (or query): a server that verifies one reading and acts on the other is forged (README decision 13).
    /// </summary>
    DuplicateKey,

    /// <summary>Correctly signed, then <c>"testFlag":null</c> appended: a canonical form that drops nulls would verify it.</summary>
    NullAppended,
}

namespace KooGate.Conformance.Checks;

/// <summary>Ends a check as failed with a message for the report.</summary>
internal sealed class CheckFailedException(string message) : Exception(message);

/// <summary>Ends a check as skipped, saying honestly why it could not run.</summary>
internal sealed class CheckSkippedException(string message) : Exception(message);

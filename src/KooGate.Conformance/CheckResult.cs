namespace KooGate.Conformance;

/// <summary>What a check is about: the seller-center debugger's own checks, or the stricter rules on top.</summary>
public enum CheckCategory
{
    Debugger,
    Idempotency,
    Security,
    Lifecycle,
}

public enum CheckOutcome
{
    Pass,
    Fail,
    Skip,
}

/// <summary>
/// One named check. <paramref name="Basis"/> cites the spec section it enforces; <paramref name="Detail"/> says why it
/// failed or was skipped (empty on a pass unless there is something worth knowing).
/// </summary>
public sealed record CheckResult(
    string Name, CheckCategory Category, CheckOutcome Outcome, string Detail, TimeSpan Duration, string Basis)
{
    public string CategoryName => Category.ToString().ToLowerInvariant();
}

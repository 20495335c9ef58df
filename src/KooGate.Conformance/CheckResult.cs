namespace KooGate.Conformance;

/// <summary>What a check is about: the seller-center debugger's own checks, or the stricter rules on top.</summary>
public enum CheckCategory
{
    Debugger,
    Idempotency,
    Security,
    Lifecycle,
}

/// <summary>
/// How binding a check is: <see cref="Must"/> when a Huawei page says so (docs/conformance.md quotes the sentence),
/// <see cref="Should"/> where the docs are silent or leave the choice open and KooGate recommends.
/// </summary>
public enum CheckLevel
{
    Must,
    Should,
}

public enum CheckOutcome
{
    Pass,
    Fail,

    /// <summary>A broken <see cref="CheckLevel.Should"/>: reported, but fails the run only with <c>--strict</c>.</summary>
    Warn,
    Skip,
}

/// <summary>
/// One named check. <paramref name="Basis"/> cites the spec section it enforces; <paramref name="Detail"/> says why it
/// failed, warned or was skipped (empty on a pass unless there is something worth knowing).
/// </summary>
public sealed record CheckResult(
    string Name, CheckCategory Category, CheckLevel Level, CheckOutcome Outcome, string Detail, TimeSpan Duration, string Basis)
{
    public string CategoryName => Category.ToString().ToLowerInvariant();

    public string LevelName => Level.ToString().ToLowerInvariant();

    public string OutcomeName => Outcome.ToString().ToLowerInvariant();
}

namespace KooGate.Conformance;

/// <summary>The outcome of one <c>koogate check</c> run.</summary>
public sealed record ConformanceReport(
    string Profile, Uri ProductionUrl, DateTimeOffset StartedAt, TimeSpan Duration, IReadOnlyList<CheckResult> Results)
{
    public int Passed => Count(CheckOutcome.Pass);

    public int Failed => Count(CheckOutcome.Fail);

    public int Warned => Count(CheckOutcome.Warn);

    public int Skipped => Count(CheckOutcome.Skip);

    /// <summary>A <c>must</c> check failed.</summary>
    public bool HasFailures => Failed > 0;

    /// <summary>Whether the run failed: a broken <c>must</c>, or with <paramref name="strict"/> also a broken <c>should</c>.</summary>
    public bool FailsWith(bool strict) => HasFailures || (strict && Warned > 0);

    private int Count(CheckOutcome outcome) => Results.Count(r => r.Outcome == outcome);
}

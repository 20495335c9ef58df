namespace KooGate.Conformance;

/// <summary>The outcome of one <c>koogate check</c> run.</summary>
public sealed record ConformanceReport(
    string Profile, Uri ProductionUrl, DateTimeOffset StartedAt, TimeSpan Duration, IReadOnlyList<CheckResult> Results)
{
    public int Passed => Results.Count(r => r.Outcome == CheckOutcome.Pass);

    public int Failed => Results.Count(r => r.Outcome == CheckOutcome.Fail);

    public int Skipped => Results.Count(r => r.Outcome == CheckOutcome.Skip);

    public bool HasFailures => Failed > 0;
}

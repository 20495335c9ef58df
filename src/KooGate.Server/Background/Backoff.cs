namespace KooGate.Server.Background;

/// <summary>The retry delay every background worker uses: the first delay, doubled per failure, capped.</summary>
public static class Backoff
{
    public static TimeSpan After(int failedAttempts, double firstSeconds, double maxSeconds) =>
        TimeSpan.FromSeconds(Math.Min(firstSeconds * Math.Pow(2, Math.Min(failedAttempts - 1, 30)), maxSeconds));
}

namespace KooGate.Emulator.Probes;

/// <summary>
/// When saved debug cases are replayed (拨测, "every morning and afternoon", saas-v2.md §5): the emulator probes at 10:00
/// and 16:00 China time (02:00 and 08:00 UTC) on the virtual clock. The docs give no hours; these are the emulator's.
/// </summary>
public static class ProbeSchedule
{
    private static readonly TimeSpan[] SlotsUtc = [TimeSpan.FromHours(2), TimeSpan.FromHours(8)];

    /// <summary>The latest probe slot at or before <paramref name="time"/>.</summary>
    public static DateTimeOffset LatestAtOrBefore(DateTimeOffset time)
    {
        var utc = time.ToUniversalTime();
        var day = new DateTimeOffset(utc.Date, TimeSpan.Zero);
        for (var back = 0; ; back++)
        {
            var date = day.AddDays(-back);
            foreach (var slot in SlotsUtc.Reverse())
            {
                if (date + slot <= utc)
                {
                    return date + slot;
                }
            }
        }
    }

    /// <summary>The first probe slot strictly after <paramref name="time"/>.</summary>
    public static DateTimeOffset NextAfter(DateTimeOffset time)
    {
        var utc = time.ToUniversalTime();
        var day = new DateTimeOffset(utc.Date, TimeSpan.Zero);
        for (var ahead = 0; ; ahead++)
        {
            foreach (var slot in SlotsUtc)
            {
                if (day.AddDays(ahead) + slot > utc)
                {
                    return day.AddDays(ahead) + slot;
                }
            }
        }
    }
}

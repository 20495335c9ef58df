using System.Security.Cryptography;
using System.Text;

namespace KooGate.Server.Usage;

/// <summary>Window arithmetic and the deterministic SDR id.</summary>
public static class UsageWindows
{
    /// <summary>The end of the newest window that may be closed at <paramref name="now"/>.</summary>
    public static DateTimeOffset LastClosedEnd(DateTimeOffset now, TimeSpan window, TimeSpan closeDelay)
    {
        var ticks = (now - closeDelay).UtcTicks;
        return new DateTimeOffset(ticks - (ticks % window.Ticks), TimeSpan.Zero);
    }

    /// <summary>
    /// Which closed windows (by end) get which of an instance's unbilled entries: each entry goes to its own window —
    /// counted from the instance's start, never before — unless that window has its SDR already (a late report), then
    /// to the newest closed window if that one is still free; otherwise it waits for the next window to close.
    /// </summary>
    public static SortedDictionary<DateTimeOffset, List<Data.UsageEntry>> Plan(
        IEnumerable<Data.UsageEntry> entries, DateTimeOffset? started, TimeSpan window, DateTimeOffset lastClosedEnd, IReadOnlySet<DateTimeOffset> closedEnds)
    {
        var plan = new SortedDictionary<DateTimeOffset, List<Data.UsageEntry>>();
        foreach (var entry in entries)
        {
            var at = started is { } start && entry.UsageTime < start ? start : entry.UsageTime;
            var end = Floor(at, window) + window;
            if (end > lastClosedEnd)
            {
                continue;
            }

            if (closedEnds.Contains(end))
            {
                if (closedEnds.Contains(lastClosedEnd))
                {
                    continue;
                }

                end = lastClosedEnd;
            }

            if (!plan.TryGetValue(end, out var members))
            {
                plan[end] = members = [];
            }

            members.Add(entry);
        }

        return plan;
    }

    /// <summary>A window's begin, or the instance's start (rounded up to the second <c>begin_time</c> carries) when later.</summary>
    public static DateTimeOffset Begin(DateTimeOffset end, TimeSpan window, DateTimeOffset? started)
    {
        var begin = end - window;
        if (started is not { } start || start <= begin)
        {
            return begin;
        }

        var second = Floor(start, TimeSpan.FromSeconds(1));
        return second == start ? start : second.AddSeconds(1);
    }

    private static DateTimeOffset Floor(DateTimeOffset at, TimeSpan unit) => new(at.UtcTicks - (at.UtcTicks % unit.Ticks), TimeSpan.Zero);

    /// <summary><c>metering_sn</c> (≤ 64 chars): the same instance and window always give the same id.</summary>
    public static string MeteringSn(string instanceId, DateTimeOffset begin, DateTimeOffset end)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{instanceId}|{begin.UtcTicks}|{end.UtcTicks}"));
        return "kg-" + Convert.ToHexStringLower(hash)[..40];
    }
}

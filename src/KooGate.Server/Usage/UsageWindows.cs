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

    /// <summary><c>metering_sn</c> (≤ 64 chars): the same instance and window always give the same id.</summary>
    public static string MeteringSn(string instanceId, DateTimeOffset begin, DateTimeOffset end)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{instanceId}|{begin.UtcTicks}|{end.UtcTicks}"));
        return "kg-" + Convert.ToHexStringLower(hash)[..40];
    }
}

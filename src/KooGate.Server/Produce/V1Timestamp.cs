using KooGate.Protocol;

namespace KooGate.Server.Produce;

/// <summary>
/// The local replay guard on V1 <c>timeStamp</c> values (UTC for GET, UTC+8 in Kit bodies; README decision 8). V1
/// documents no window, so it is configurable and 0 turns it off.
/// </summary>
internal static class V1Timestamp
{
    /// <summary>Null when acceptable, else the 000002 problem.</summary>
    public static string? Problem(string? value, bool chinaTime, DateTimeOffset now, int windowSeconds)
    {
        if (windowSeconds <= 0)
        {
            return null;
        }

        var parsed = chinaTime ? KooTime.TryParseChinaDigits(value, out var time) : KooTime.TryParseUtcDigits(value, out time);
        if (!parsed)
        {
            return "timeStamp is malformed";
        }

        return (now - time).Duration() > TimeSpan.FromSeconds(windowSeconds) ? "timeStamp is outside the allowed window" : null;
    }
}

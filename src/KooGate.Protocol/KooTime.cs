using System.Globalization;

namespace KooGate.Protocol;

/// <summary>
/// The time formats of the KooGallery protocols (spec README decision 8; saas-v1-and-joint.md §1.4).
/// </summary>
public static class KooTime
{
    /// <summary>Kit <c>timeStamp</c> and <c>currentSyncTime</c> are in UTC+8 ("默认时区东8区").</summary>
    public static readonly TimeSpan ChinaOffset = TimeSpan.FromHours(8);

    private const string Digits14 = "yyyyMMddHHmmss";
    private const string Digits17 = "yyyyMMddHHmmssfff";
    private const string SdkDateFormat = "yyyyMMdd'T'HHmmss'Z'";

    /// <summary>Unix epoch milliseconds, the V2 <c>timestamp</c>/<c>x-timestamp</c>/usage <c>ts</c>.</summary>
    public static string ToEpochMilliseconds(DateTimeOffset time) =>
        time.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);

    public static bool TryParseEpochMilliseconds(string? value, out DateTimeOffset time)
    {
        time = default;
        if (string.IsNullOrEmpty(value) || value.Length > 19 || !value.All(char.IsAsciiDigit))
        {
            return false;
        }

        if (!long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var ms)
            || ms > DateTimeOffset.MaxValue.ToUnixTimeMilliseconds())
        {
            return false;
        }

        time = DateTimeOffset.FromUnixTimeMilliseconds(ms);
        return true;
    }

    /// <summary>14-digit UTC <c>yyyyMMddHHmmss</c> (expireTime, createTime).</summary>
    public static string ToUtc14(DateTimeOffset time) =>
        time.UtcDateTime.ToString(Digits14, CultureInfo.InvariantCulture);

    /// <summary>17-digit UTC <c>yyyyMMddHHmmssSSS</c> (V1 timeStamp, statisticalTime).</summary>
    public static string ToUtc17(DateTimeOffset time) =>
        time.UtcDateTime.ToString(Digits17, CultureInfo.InvariantCulture);

    /// <summary>
    /// Parses a UTC <c>expireTime</c> given as 14 or 17 digits (the V2 refreshInstance example sends 17 although
    /// the table says 14; README decision 8).
    /// </summary>
    public static bool TryParseUtcDigits(string? value, out DateTimeOffset time) =>
        TryParseDigits(value, TimeSpan.Zero, out time);

    /// <summary>Kit body <c>timeStamp</c>: 17 (or 14) digits in UTC+8.</summary>
    public static bool TryParseChinaDigits(string? value, out DateTimeOffset time) =>
        TryParseDigits(value, ChinaOffset, out time);

    public static string ToChina17(DateTimeOffset time) =>
        time.ToOffset(ChinaOffset).ToString(Digits17, CultureInfo.InvariantCulture);

    /// <summary>APIG <c>X-Sdk-Date</c> and usage-record times: <c>yyyyMMdd'T'HHmmss'Z'</c>, UTC.</summary>
    public static string ToSdkDate(DateTimeOffset time) =>
        time.UtcDateTime.ToString(SdkDateFormat, CultureInfo.InvariantCulture);

    public static bool TryParseSdkDate(string? value, out DateTimeOffset time)
    {
        time = default;
        if (value is not { Length: 16 }
            || !DateTime.TryParseExact(value, SdkDateFormat, CultureInfo.InvariantCulture,
                DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var parsed))
        {
            return false;
        }

        time = new DateTimeOffset(parsed, TimeSpan.Zero);
        return true;
    }

    private static bool TryParseDigits(string? value, TimeSpan offset, out DateTimeOffset time)
    {
        time = default;
        if (value is null || (value.Length != 14 && value.Length != 17) || !value.All(char.IsAsciiDigit))
        {
            return false;
        }

        var format = value.Length == 14 ? Digits14 : Digits17;
        if (!DateTime.TryParseExact(value, format, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
        {
            return false;
        }

        time = new DateTimeOffset(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), offset).ToUniversalTime();
        return true;
    }
}

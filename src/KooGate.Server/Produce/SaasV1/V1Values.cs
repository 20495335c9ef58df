using System.Globalization;
using System.Text.Json;
using KooGate.Protocol;
using KooGate.Protocol.Messages;

namespace KooGate.Server.Produce.SaasV1;

/// <summary>
/// V1 sends every value as text; the request records have validated it (<c>[IntegerText]</c>, <c>[UtcDigitsTime]</c>,
/// …), these turn it into what the store keeps.
/// </summary>
internal static class V1Values
{
    public static string ChargingModeName(string? v1Mode) => v1Mode switch
    {
        V1ChargingModes.OnDemand => ChargingModes.OnDemand,
        V1ChargingModes.Period => ChargingModes.Period,
        V1ChargingModes.OneTime => ChargingModes.OneTime,
        V1ChargingModes.OnDemandPackage => ChargingModes.OnDemandPackage,
        _ => string.Empty,
    };

    public static DateTimeOffset? ExpireTime(string? value) =>
        KooTime.TryParseUtcDigits(value, out var time) ? time : null;

    public static int? Int(string? value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : null;

    public static decimal? Decimal(string? value) =>
        decimal.TryParse(value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var n) ? n : null;

    public static string? ExtendParamsJson(IReadOnlyList<ExtendParam> parameters) =>
        parameters.Count == 0 ? null : JsonSerializer.Serialize([.. parameters], KooJsonContext.Default.ExtendParamArray);
}

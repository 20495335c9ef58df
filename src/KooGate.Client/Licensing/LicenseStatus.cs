using System.Text.Json.Serialization;

namespace KooGate.Client.Licensing;

/// <summary>
/// KooGate's answer about a license code or an online license (docs/licenses.md). Gate the software on
/// <see cref="IsValid"/>; <see cref="Message"/> is for the user; <see cref="Cached"/> says the marketplace could not
/// be reached and the answer is the last good one, standing in until <see cref="GraceUntil"/>.
/// </summary>
public sealed record LicenseStatus
{
    public string License { get; init; } = string.Empty;

    /// <summary>One of <see cref="LicenseStates"/>.</summary>
    public string State { get; init; } = string.Empty;

    public string Message { get; init; } = string.Empty;

    /// <summary>The marketplace's status: <c>ALIVE</c>, <c>EXPIRED</c> or <c>RELEASED</c>.</summary>
    public string? Status { get; init; }

    public DateTimeOffset? ExpireTime { get; init; }

    public DateTimeOffset? ActivateTime { get; init; }

    public string? ProductId { get; init; }

    public string? OrderId { get; init; }

    /// <summary>The quantity bought (for online licenses: how many devices).</summary>
    public decimal? Amount { get; init; }

    public bool Cached { get; init; }

    public DateTimeOffset? CheckedAt { get; init; }

    public DateTimeOffset? GraceUntil { get; init; }

    public string? DeviceId { get; init; }

    /// <summary>Online licenses: <c>000900</c> quota used up, <c>000901</c> outside the order's validity, <c>000902</c> no expiry yet, <c>000903</c> fingerprint missing or device unknown.</summary>
    public string? ResultCode { get; init; }

    /// <summary>The marketplace's error code behind a refusal, e.g. <c>92020005</c>.</summary>
    public string? MarketplaceCode { get; init; }

    /// <summary>The HTTP status KooGate answered with (not in the JSON: the response's own status).</summary>
    [JsonIgnore]
    public int HttpStatus { get; init; }

    /// <summary>The software may run.</summary>
    [JsonIgnore]
    public bool IsValid => State == LicenseStates.Valid;
}

/// <summary>The values of <see cref="LicenseStatus.State"/>.</summary>
public static class LicenseStates
{
    public const string Valid = "valid";

    /// <summary>Expired and frozen until the buyer renews.</summary>
    public const string Expired = "expired";

    public const string Released = "released";
    public const string Unknown = "unknown";
    public const string NotActivated = "notActivated";
    public const string NotReceived = "notReceived";

    /// <summary>Refused for a reason in <see cref="LicenseStatus.ResultCode"/> or <see cref="LicenseStatus.MarketplaceCode"/>.</summary>
    public const string Refused = "refused";

    /// <summary>The marketplace cannot be reached and there is no answer within the grace period: try later.</summary>
    public const string Unavailable = "unavailable";

    public const string TooManyCalls = "tooManyCalls";
}

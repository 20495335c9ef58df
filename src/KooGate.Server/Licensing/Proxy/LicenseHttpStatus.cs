using System.Text.Json.Serialization;

namespace KooGate.Server.Licensing.Proxy;

/// <summary>What the proxy tells the seller's software (docs/licenses.md). <see cref="State"/> decides; the rest explains.</summary>
public sealed record LicenseAnswer
{
    /// <summary>The license code, or the instance id of an online license.</summary>
    public required string License { get; init; }

    /// <summary>One of <see cref="LicenseStates"/>.</summary>
    public required string State { get; init; }

    public required string Message { get; init; }

    /// <summary>The marketplace's status (<c>ALIVE</c>, <c>EXPIRED</c>, <c>RELEASED</c>) when it gave one.</summary>
    public string? Status { get; init; }

    public DateTimeOffset? ExpireTime { get; init; }

    public DateTimeOffset? ActivateTime { get; init; }

    public string? ProductId { get; init; }

    public string? OrderId { get; init; }

    /// <summary>The quantity bought (devices, users…).</summary>
    public decimal? Amount { get; init; }

    /// <summary>True when the marketplace could not be reached and this is the last good answer.</summary>
    public bool Cached { get; init; }

    /// <summary>When the marketplace gave this answer.</summary>
    public DateTimeOffset? CheckedAt { get; init; }

    /// <summary>For a cached answer: until when it stands in.</summary>
    public DateTimeOffset? GraceUntil { get; init; }

    /// <summary>Online licenses: the device the answer is for.</summary>
    public string? DeviceId { get; init; }

    /// <summary>Online licenses: the result code of the refusal (000900–000903, license-order-openapi.md §C.3).</summary>
    public string? ResultCode { get; init; }

    /// <summary>The marketplace's error code when it refused (e.g. <c>92020005</c>).</summary>
    public string? MarketplaceCode { get; init; }

    [JsonIgnore]
    public int HttpStatus => LicenseStates.HttpStatus(State);
}

/// <summary>The states of a <see cref="LicenseAnswer"/> and the HTTP status each is sent with.</summary>
public static class LicenseStates
{
    public const string Valid = "valid";
    public const string Expired = "expired";
    public const string Released = "released";
    public const string Unknown = "unknown";
    public const string NotActivated = "notActivated";
    public const string NotReceived = "notReceived";
    public const string Refused = "refused";
    public const string Unavailable = "unavailable";

    public static int HttpStatus(string state) => state switch
    {
        Valid or Expired or Released => StatusCodes.Status200OK,
        Unknown => StatusCodes.Status404NotFound,
        NotActivated or NotReceived => StatusCodes.Status409Conflict,
        Refused => StatusCodes.Status403Forbidden,
        _ => StatusCodes.Status503ServiceUnavailable,
    };
}

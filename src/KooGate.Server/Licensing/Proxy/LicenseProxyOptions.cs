namespace KooGate.Server.Licensing.Proxy;

/// <summary>
/// <c>KooGate:LicenseProxy</c>: the endpoints the seller's distributed software calls instead of the marketplace
/// (docs/licenses.md). They need the open-API credentials (<c>KooGate:Marketplace:*</c>).
/// </summary>
public sealed class LicenseProxyOptions
{
    public const string Section = "KooGate:LicenseProxy";

    /// <summary>How long the last good heartbeat answer stands in when the marketplace cannot be reached.</summary>
    public double GraceHours { get; set; } = 72;

    /// <summary>How long one marketplace call may take before the proxy treats the marketplace as unreachable.</summary>
    public double MarketplaceTimeoutSeconds { get; set; } = 5;

    /// <summary>Calls a minute for one license code or online-license instance.</summary>
    public int PerCodePerMinute { get; set; } = 20;

    /// <summary>Calls a minute from one client address (all codes together).</summary>
    public int PerClientPerMinute { get; set; } = 120;

    public TimeSpan Grace => TimeSpan.FromHours(GraceHours);

    public string? Problem() =>
        GraceHours is < 0 or > 24 * 90 ? "KooGate:LicenseProxy:GraceHours must be between 0 and 2160"
        : MarketplaceTimeoutSeconds is < 0.1 or > 60 ? "KooGate:LicenseProxy:MarketplaceTimeoutSeconds must be between 0.1 and 60"
        : PerCodePerMinute < 1 || PerClientPerMinute < 1 ? "KooGate:LicenseProxy:PerCodePerMinute and PerClientPerMinute must be at least 1"
        : null;
}

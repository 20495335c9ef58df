namespace KooGate.Emulator;

/// <summary>The <c>Emulator</c> configuration section.</summary>
public sealed class EmulatorOptions
{
    public const string Section = "Emulator";

    /// <summary>The SQLite file holding the marketplace (a throwaway database, created on start).</summary>
    public string DataPath { get; set; } = "koogate-emulator.db";

    /// <summary>
    /// The emulator's own public address, used for Kit tenant <c>domainName</c> (the OAuth2 identity provider lives
    /// under it). Defaults to the first address Kestrel listens on.
    /// </summary>
    public string? PublicBaseUrl { get; set; }

    /// <summary>KooGallery's call timeout (saas-v2.md §1.2, README decision 12).</summary>
    public int CallTimeoutMilliseconds { get; set; } = 5000;

    /// <summary>Days between expiry and release (saas-v2.md §3.4: up to 15 days, depending on customer level).</summary>
    public int FreezePeriodDays { get; set; } = 15;

    /// <summary>The platform's share of each sale when a product does not set its own.</summary>
    public decimal DefaultPlatformFeeRate { get; set; } = 0.1m;

    /// <summary>Refunds without a reason allowed within this many days of paying.</summary>
    public int NoReasonRefundDays { get; set; } = 5;

    /// <summary>No-reason refunds allowed per buyer account per calendar year.</summary>
    public int NoReasonRefundsPerYear { get; set; } = 10;

    /// <summary>
    /// Real seconds between scheduler ticks that run work falling due as real time passes; 0 disables the tick, so only
    /// clock advances (and the actions of the REST API) run scheduled work.
    /// </summary>
    public int TickSeconds { get; set; } = 5;

    /// <summary>
    /// Sign with the virtual clock instead of real time. Off by default: a seller's server checks timestamps against its
    /// own clock (±60 s), which does not follow the emulator's virtual days.
    /// </summary>
    public bool SignWithVirtualClock { get; set; }

    /// <summary>The default seller's open-API credentials (我的凭证 &gt; 访问密钥).</summary>
    public string SellerAccessKey { get; set; } = "EMULATORSELLERAK0001";

    public string SellerSecretKey { get; set; } = "emulator-seller-secret-key-0001";
}

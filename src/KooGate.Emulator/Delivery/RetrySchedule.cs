using KooGate.Emulator.Data;
using KooGate.Protocol.Messages;

namespace KooGate.Emulator.Delivery;

/// <summary>How often and for how long KooGallery re-sends a failed call (README "marketplace's behaviour").</summary>
public sealed record RetrySchedule(TimeSpan Interval, TimeSpan Window, bool FailsOrder)
{
    /// <summary>How often queryInstance is polled after create answered 000004; the docs give no cadence.</summary>
    public static readonly TimeSpan PollInterval = TimeSpan.FromMinutes(5);

    /// <summary>New purchase (and legacy getLicense): hourly for 3 h, then the order fails and is refunded.</summary>
    public static readonly RetrySchedule Create = new(TimeSpan.FromHours(1), TimeSpan.FromHours(3), FailsOrder: true);

    /// <summary>Upgrade: 3 h, then the upgrade order fails and is refunded (saas-v1-and-joint.md §3.5).</summary>
    public static readonly RetrySchedule Upgrade = new(TimeSpan.FromHours(1), TimeSpan.FromHours(3), FailsOrder: true);

    /// <summary>
    /// Renewal, status and release on V2: "about 1-2 h" (saas-v2.md §1.6 uses the License-guide 2 h for the V2
    /// interfaces); the cadence is undocumented, every 30 min is chosen.
    /// </summary>
    public static readonly RetrySchedule V2Update = new(TimeSpan.FromMinutes(30), TimeSpan.FromHours(2), FailsOrder: false);

    /// <summary>V1 renewal, expiry and release: 1 h, then the seller must press 重新启动.</summary>
    public static readonly RetrySchedule V1Update = new(TimeSpan.FromMinutes(30), TimeSpan.FromHours(1), FailsOrder: false);

    /// <summary>Legacy License renewal and release are called once (license-order-openapi.md §B.2, §B.4).</summary>
    public static readonly RetrySchedule Once = new(TimeSpan.Zero, TimeSpan.Zero, FailsOrder: false);

    /// <summary>License code 2.0: 60 times every 2 minutes (§C.1).</summary>
    public static readonly RetrySchedule LicenseCode = new(TimeSpan.FromMinutes(2), TimeSpan.FromMinutes(2 * 59), FailsOrder: false);

    /// <summary>
    /// orderNotify: "keeps calling for 3 hours" (license-order-openapi.md §D.1); the cadence is unstated, so the hourly
    /// rhythm of the other 3-hour loops is used. A failed notification never fails the order.
    /// </summary>
    public static readonly RetrySchedule OrderNotify = new(TimeSpan.FromHours(1), TimeSpan.FromHours(3), FailsOrder: false);

    /// <summary>在线开通License create: every 2 minutes for 2 h, then the order fails and is refunded (§C.3).</summary>
    public static readonly RetrySchedule OnlineLicenseCreate = new(TimeSpan.FromMinutes(2), TimeSpan.FromHours(2), FailsOrder: true);

    /// <summary>
    /// 在线开通License update, status, release and getLicenseAsync: "retried for 2 h" (§C.3); getLicenseAsync's own
    /// schedule is unconfirmed (§F), so it shares the 2-minute rhythm.
    /// </summary>
    public static readonly RetrySchedule OnlineLicense = new(TimeSpan.FromMinutes(2), TimeSpan.FromHours(2), FailsOrder: false);

    /// <summary>Kit syncs are not retried automatically; the buyer or administrator decides (§5).</summary>
    public static readonly RetrySchedule Kit = Once;

    public static RetrySchedule For(InterfaceVersion version, string activity, bool kit)
    {
        if (kit)
        {
            return Kit;
        }

        if (version == InterfaceVersion.OnlineLicense)
        {
            return activity == Activities.NewInstance ? OnlineLicenseCreate : activity == Activities.OrderNotify ? OrderNotify : OnlineLicense;
        }

        return activity switch
        {
            Activities.NewInstance or Activities.GetLicense => Create,
            Activities.OrderNotify => OrderNotify,
            Activities.UpgradeInstance or Activities.Upgrade => Upgrade,
            Activities.RefreshLicense or Activities.ReleaseLicense or Activities.ExpireLicense => Once,
            _ => version switch
            {
                InterfaceVersion.SaasV1 => V1Update,
                InterfaceVersion.LicenseCode => LicenseCode,
                _ => V2Update,
            },
        };
    }
}

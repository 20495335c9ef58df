using KooGate.Protocol.Messages;

namespace KooGate.Server.Orders;

/// <summary>What an order did to its instance, as the event's <c>order.kind</c> names it.</summary>
public static class OrderKinds
{
    public const string New = "new";
    public const string Trial = "trial";
    public const string Renewal = "renewal";
    public const string TrialToFormal = "trial_to_formal";
    public const string RenewalChange = "renewal_change";
    public const string RenewalRefund = "renewal_refund";
    public const string Upgrade = "upgrade";
    public const string Unsubscribe = "unsubscribe";

    /// <summary>refreshInstance / refreshLicenseCode <c>scene</c> (saas-v2.md §3.3).</summary>
    public static string FromScene(string scene) => scene switch
    {
        RefreshScenes.TrialToFormal => TrialToFormal,
        RefreshScenes.RenewalChange => RenewalChange,
        RefreshScenes.UnsubscribeRenewalPeriod => RenewalRefund,
        _ => Renewal,
    };

    /// <summary>Orders that end or shorten a purchase: their details never replace the current SKU or quantity.</summary>
    public static bool Withdraws(string? kind) => kind is Unsubscribe or RenewalRefund;
}

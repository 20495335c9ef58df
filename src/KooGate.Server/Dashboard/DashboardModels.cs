using KooGate.Server.Admin;
using KooGate.Server.Data;

namespace KooGate.Server.Dashboard;

/// <summary>Where a list is in its whole: the links keep the page's filter query.</summary>
public sealed record Pager(string Path, IReadOnlyDictionary<string, string?> Query, int Skip, int Take, int Total, int Shown)
{
    public string Link(int skip)
    {
        var pairs = Query.Where(p => !string.IsNullOrEmpty(p.Value)).Select(p => new KeyValuePair<string, string?>(p.Key, p.Value)).ToList();
        if (skip > 0)
        {
            pairs.Add(new("skip", skip.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }

        return Path + Microsoft.AspNetCore.Http.QueryString.Create(pairs);
    }
}

public sealed record OverviewModel(
    IReadOnlyDictionary<string, int> InstancesByState,
    int DeadDeliveries,
    int FailingDeliveries,
    MarketplaceHealth Health,
    CallsSeries Calls,
    IReadOnlyList<CallbackView> RecentFailedCallbacks,
    bool ShowChecks);

public sealed record InstancesModel(IReadOnlyList<InstanceView> Instances, InstanceFilter Filter, string? FromText, string? ToText, Pager Pager, DateTimeOffset Now);

public sealed record InstanceModel(
    InstanceDetailsView Details,
    IReadOnlyList<OutboxView> Deliveries,
    IReadOnlyList<CallbackView> Callbacks,
    IReadOnlyList<KitTenant> Tenants,
    string? Notice,
    DateTimeOffset Now);

public sealed record TenantsModel(IReadOnlyList<TenantView> Tenants, string? Search, bool IncludeDeleted, Pager Pager);

public sealed record CallbacksModel(IReadOnlyList<CallbackView> Callbacks, CallbackFilter Filter, Pager Pager);

public sealed record CallbackModel(CallbackView Callback, string? Hint, bool IsLicenseCode);

public sealed record OutboxModel(IReadOnlyList<OutboxView> Messages, OutboxFilter Filter, Pager Pager, int DeadTotal, string? Notice);

public sealed record LicenseCodesModel(IReadOnlyList<LicenseCodeRecord> Codes, string? Search, string? State, Pager Pager, DateTimeOffset Now);

public sealed record LicenseCodeModel(LicenseCodeRecord Code, IReadOnlyList<CallbackView> Callbacks, DateTimeOffset Now);

public sealed record UsageModel(
    IReadOnlyList<Usage.UsageEntryView> Entries, Pager EntriesPager, IReadOnlyList<Usage.UsagePeriodView> Periods, string? InstanceId, string? Status, int FailedPeriods);

/// <summary>What the dashboard highlights as failing.</summary>
public static class Highlight
{
    /// <summary>Success and "still processing" are the only healthy answers (saas-v2.md result codes).</summary>
    public static bool IsFailure(string resultCode) => resultCode is not ("000000" or "000004");

    public static string Row(CallbackView c) => IsFailure(c.ResultCode) ? "bad" : string.Empty;

    public static string Row(OutboxView m) => m.Status == nameof(OutboxStatus.Dead) ? "bad"
        : m.Status == nameof(OutboxStatus.Pending) && m.Attempts > 0 ? "warn"
        : string.Empty;

    public static string Row(OutboxAttemptView a) => a.Outcome switch
    {
        nameof(OutboxAttemptOutcome.Dead) => "bad",
        nameof(OutboxAttemptOutcome.Retrying) => "warn",
        _ => string.Empty,
    };

    public static string Row(InstanceView i, DateTimeOffset now) => i.State == nameof(InstanceState.Failed) ? "bad"
        : i.State == nameof(InstanceState.Active) && i.ExpireTime < now ? "warn"
        : string.Empty;

    /// <summary>License-code 2.0 calls record the license code where other calls record the instance id.</summary>
    public static bool IsLicenseCodeCall(string? activity) =>
        activity is Protocol.Messages.Activities.RefreshLicenseCode or Protocol.Messages.Activities.UpdateLicenseCodeStatus or Protocol.Messages.Activities.ReleaseLicenseCode;

    /// <summary>The page an instance id of the callback log leads to.</summary>
    public static string InstanceLink(CallbackView c) => IsLicenseCodeCall(c.Activity)
        ? $"/dashboard/licenses/{Uri.EscapeDataString(c.InstanceId!)}"
        : $"/dashboard/instances/{Uri.EscapeDataString(c.InstanceId!)}";
}

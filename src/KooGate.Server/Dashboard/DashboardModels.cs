using KooGate.Server.Admin;
using KooGate.Server.Data;

namespace KooGate.Server.Dashboard;

public sealed record OverviewModel(
    IReadOnlyDictionary<string, int> InstancesByState,
    int DeadDeliveries,
    int FailingDeliveries,
    int FailedOrderFetches,
    IReadOnlyList<CallbackView> RecentFailedCallbacks);

public sealed record InstancesModel(IReadOnlyList<InstanceView> Instances, string? State, string? Search, bool IncludeDebug, DateTimeOffset Now);

public sealed record InstanceModel(
    InstanceDetailsView Details,
    IReadOnlyList<OutboxView> Deliveries,
    IReadOnlyList<CallbackView> Callbacks,
    IReadOnlyList<KitTenant> Tenants,
    DateTimeOffset Now,
    string? Notice = null);

public sealed record TenantsModel(IReadOnlyList<KitTenant> Tenants);

public sealed record TenantModel(KitTenant Tenant, IReadOnlyList<KitOrg> Orgs, IReadOnlyList<KitUser> Users, IReadOnlyList<KitApplication> Applications);

public sealed record CallbacksModel(IReadOnlyList<CallbackView> Callbacks, CallbackFilter Filter, long? NextBefore);

public sealed record OutboxModel(IReadOnlyList<OutboxView> Messages, string? Status, string? Notice);

/// <summary>What the dashboard highlights as failing.</summary>
public static class Highlight
{
    /// <summary>Success and "still processing" are the only healthy answers (saas-v2.md result codes).</summary>
    public static bool IsFailure(string resultCode) => resultCode is not ("000000" or "000004");

    public static string Row(CallbackView c) => IsFailure(c.ResultCode) ? "bad" : string.Empty;

    public static string Row(OutboxView m) => m.Status == nameof(OutboxStatus.Dead) ? "bad"
        : m.Status == nameof(OutboxStatus.Pending) && m.Attempts > 0 ? "warn"
        : string.Empty;

    public static string Row(InstanceView i, DateTimeOffset now) => i.State == nameof(InstanceState.Failed) ? "bad"
        : i.State == nameof(InstanceState.Active) && i.ExpireTime < now ? "warn"
        : string.Empty;
}

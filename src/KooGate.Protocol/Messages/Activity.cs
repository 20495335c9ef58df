namespace KooGate.Protocol.Messages;

/// <summary>
/// The <c>activity</c> values that select the scenario at the single production address
/// (saas-v2.md §3, saas-v1-and-joint.md §3, license-order-openapi.md §B-§D).
/// </summary>
public static class Activities
{
    // SaaS V2 (POST JSON)
    public const string NewInstance = "newInstance";
    public const string QueryInstance = "queryInstance";
    public const string RefreshInstance = "refreshInstance";
    public const string UpdateInstanceStatus = "updateInstanceStatus";
    public const string ReleaseInstance = "releaseInstance";
    public const string UpgradeInstance = "upgradeInstance";
    public const string ChangeInstanceCheck = "changeInstanceCheck";

    // 通用接口 (any product type)
    public const string OrderNotify = "orderNotify";

    // SaaS V1 (GET); newInstance, refreshInstance, releaseInstance and queryInstance keep their V2 names.
    public const string ExpireInstance = "expireInstance";
    public const string Upgrade = "upgrade";
    public const string InstanceStatus = "instanceStatus";

    // Legacy License (GET)
    public const string GetLicense = "getLicense";
    public const string RefreshLicense = "refreshLicense";
    public const string ExpireLicense = "expireLicense";
    public const string ReleaseLicense = "releaseLicense";

    // License code 2.0 (POST JSON)
    public const string RefreshLicenseCode = "refreshLicenseCode";
    public const string UpdateLicenseCodeStatus = "updateLicenseCodeStatus";
    public const string ReleaseLicenseCode = "releaseLicenseCode";

    // 在线开通License (POST JSON, alongside the SaaS V2 instance activities)
    public const string GetLicenseAsync = "getLicenseAsync";

    public static IReadOnlyList<string> SaasV2 { get; } =
        [NewInstance, QueryInstance, RefreshInstance, UpdateInstanceStatus, ReleaseInstance, UpgradeInstance, ChangeInstanceCheck];

    public static IReadOnlyList<string> SaasV1 { get; } =
        [NewInstance, RefreshInstance, ExpireInstance, ReleaseInstance, Upgrade, InstanceStatus, QueryInstance];

    public static IReadOnlyList<string> LegacyLicense { get; } = [GetLicense, RefreshLicense, ExpireLicense, ReleaseLicense];

    public static IReadOnlyList<string> LicenseCode { get; } = [RefreshLicenseCode, UpdateLicenseCodeStatus, ReleaseLicenseCode];
}

/// <summary>
/// The 联营 Kit interfaces: the marketplace appends <c>/produceAPI/v2/&lt;name&gt;</c> (V2, x-sign) or
/// <c>/produceAPI/&lt;name&gt;</c> (V1, authToken header) to the production address (saas-v2.md §1.1).
/// </summary>
public static class KitInterfaces
{
    public const string TenantSync = "tenantSync";
    public const string ApplicationSync = "applicationSync";
    public const string AuthSync = "authSync";
    public const string SingleOrgSync = "singleOrgSync";
    public const string AllOrgSync = "allOrgSync";

    public const string V1PathPrefix = "/produceAPI/";
    public const string V2PathPrefix = "/produceAPI/v2/";

    public static IReadOnlyList<string> All { get; } = [TenantSync, ApplicationSync, AuthSync, SingleOrgSync, AllOrgSync];

    public static string V1Path(string name) => V1PathPrefix + name;

    public static string V2Path(string name) => V2PathPrefix + name;
}

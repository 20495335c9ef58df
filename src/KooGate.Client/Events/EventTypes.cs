namespace KooGate.Client.Events;

/// <summary>The <c>type</c> of every event KooGate delivers, and the record its <c>data</c> is read into.</summary>
public static class EventTypes
{
    public const string InstanceCreated = "instance.created";
    public const string InstanceOrderDetails = "instance.order_details";
    public const string InstanceRenewed = "instance.renewed";
    public const string InstanceUpgraded = "instance.upgraded";
    public const string InstanceFrozen = "instance.frozen";
    public const string InstanceUnfrozen = "instance.unfrozen";
    public const string InstanceReleased = "instance.released";
    public const string InstanceProvisioningRetried = "instance.provisioning_retried";
    public const string OrderNotified = "order.notified";
    public const string LicenseIssued = "license.issued";
    public const string LicenseCodeRenewed = "licenseCode.renewed";
    public const string LicenseCodeFrozen = "licenseCode.frozen";
    public const string LicenseCodeUnfrozen = "licenseCode.unfrozen";
    public const string LicenseCodeReleased = "licenseCode.released";
    public const string KitTenantSynced = "kit.tenant.synced";
    public const string KitApplicationSynced = "kit.application.synced";
    public const string KitUsersSynced = "kit.users.synced";
    public const string KitOrgSynced = "kit.org.synced";
    public const string KitOrgsReplaced = "kit.orgs.replaced";

    /// <summary>Every event type with the record of its <c>data</c>.</summary>
    public static IReadOnlyDictionary<string, Type> DataTypes { get; } = new Dictionary<string, Type>(StringComparer.Ordinal)
    {
        [InstanceCreated] = typeof(InstanceCreated),
        [InstanceOrderDetails] = typeof(InstanceOrderDetails),
        [InstanceRenewed] = typeof(InstanceRenewed),
        [InstanceUpgraded] = typeof(InstanceUpgraded),
        [InstanceFrozen] = typeof(InstanceStatusChanged),
        [InstanceUnfrozen] = typeof(InstanceStatusChanged),
        [InstanceReleased] = typeof(InstanceReleased),
        [InstanceProvisioningRetried] = typeof(InstanceProvisioningRetried),
        [OrderNotified] = typeof(OrderNotified),
        [LicenseIssued] = typeof(LicenseIssued),
        [LicenseCodeRenewed] = typeof(LicenseCodeChanged),
        [LicenseCodeFrozen] = typeof(LicenseCodeChanged),
        [LicenseCodeUnfrozen] = typeof(LicenseCodeChanged),
        [LicenseCodeReleased] = typeof(LicenseCodeChanged),
        [KitTenantSynced] = typeof(KitTenantSynced),
        [KitApplicationSynced] = typeof(KitApplicationSynced),
        [KitUsersSynced] = typeof(KitUsersSynced),
        [KitOrgSynced] = typeof(KitOrgSynced),
        [KitOrgsReplaced] = typeof(KitOrgsReplaced),
    };
}

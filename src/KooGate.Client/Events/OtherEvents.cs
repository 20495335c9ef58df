using System.Text.Json;

namespace KooGate.Client.Events;

/// <summary><c>order.notified</c>: KooGallery's 订单通知 for an order line (details follow on the instance events).</summary>
public sealed record OrderNotified
{
    public required string OrderId { get; init; }

    public required string OrderLineId { get; init; }
}

/// <summary><c>license.issued</c>: a license KooGate's provisioner issued (legacy getLicense or online getLicenseAsync).</summary>
public sealed record LicenseIssued
{
    public required string InstanceId { get; init; }

    public string? OrderId { get; init; }

    public string? ProductId { get; init; }

    public string? SkuCode { get; init; }

    public string? EventId { get; init; }

    public string? DeviceFingerprint { get; init; }

    public required string License { get; init; }
}

/// <summary><c>licenseCode.renewed|frozen|unfrozen|released</c> (license code 2.0: the code is the instance).</summary>
public sealed record LicenseCodeChanged
{
    public required string License { get; init; }

    public string? Scene { get; init; }

    public string? Status { get; init; }

    public string? OrderId { get; init; }

    public string? OrderLineId { get; init; }

    /// <summary>The code's product (the latest a renewal named).</summary>
    public string? ProductId { get; init; }

    /// <summary>The code's SKU, when KooGate knows one of its orders (from <c>orderNotify</c> and 查询订单); else null.</summary>
    public string? SkuCode { get; init; }

    public DateTimeOffset? ExpireTime { get; init; }
}

/// <summary>Kit sync events: <c>flag</c> is add, modify, delete or revoke.</summary>
public abstract record KitEventData
{
    /// <summary>The purchased instance the enterprise belongs to; empty for a credential application.</summary>
    public required string InstanceId { get; init; }

    public required string TenantId { get; init; }

    /// <summary>The instance's product and SKU as KooGate knows them (null for a credential application or an unknown instance).</summary>
    public string? ProductId { get; init; }

    public string? SkuCode { get; init; }

    public string? Flag { get; init; }
}

public sealed record KitTenantSynced : KitEventData
{
    public string? TenantCode { get; init; }

    public string? Name { get; init; }

    public string? DomainName { get; init; }
}

public sealed record KitApplicationSynced : KitEventData
{
    public string? AppId { get; init; }

    public string? ClientId { get; init; }
}

public sealed record KitUsersSynced : KitEventData
{
    public string? AppId { get; init; }

    /// <summary>The users as synced (userName, name, role, orgs…).</summary>
    public JsonElement Users { get; init; }
}

public sealed record KitOrgSynced : KitEventData
{
    public string? OrgCode { get; init; }

    public string? OrgName { get; init; }

    public string? ParentCode { get; init; }
}

public sealed record KitOrgsReplaced : KitEventData
{
    /// <summary>The whole organisation tree.</summary>
    public JsonElement Orgs { get; init; }
}

namespace KooGate.Server.Configuration;

/// <summary>
/// The settings of one product (<c>KooGate:Products:N</c>, matched by <see cref="ProductId"/>); every value left out
/// falls back to the deployment's default (<c>KooGate:Webhook</c>, <c>KooGate:Provisioning</c>, <c>KooGate:ChangeCheck</c>).
/// </summary>
public sealed class ProductOptions
{
    public string? ProductId { get; set; }

    public ProductWebhookOptions Webhook { get; set; } = new();

    public ProductProvisioningOptions Provisioning { get; set; } = new();

    public ProductChangeCheckOptions ChangeCheck { get; set; } = new();
}

public sealed class ProductWebhookOptions
{
    /// <summary>Where this product's events (and, by default, its change-check decisions) go.</summary>
    public string? Url { get; set; }

    /// <summary>The secret this product's deliveries are signed with; the default secret when absent.</summary>
    public string? Secret { get; set; }
}

public sealed class ProductProvisioningOptions
{
    public string? FrontEndUrlTemplate { get; set; }

    public string? AdminUrlTemplate { get; set; }

    public ProvisionerMode? Mode { get; set; }
}

public sealed class ProductChangeCheckOptions
{
    public ChangeCheckPolicy? Policy { get; set; }

    public string? Url { get; set; }

    public ChangeCheckFallback? OnFailure { get; set; }

    public string? DenyMessage { get; set; }
}

/// <summary>Who provisions a new instance.</summary>
public enum ProvisionerMode
{
    /// <summary>The seller's app (webhook) when a webhook URL applies to the product, else KooGate's automatic provisioner.</summary>
    Auto,

    /// <summary>KooGate answers at once with the templated front-end URL and generated credentials.</summary>
    Automatic,

    /// <summary>The seller's app completes it through the admin API after <c>instance.created</c>.</summary>
    Webhook,
}

/// <summary>How <c>changeInstanceCheck</c> (续费变更校验) is answered.</summary>
public enum ChangeCheckPolicy
{
    AllowAll,
    DenyAll,

    /// <summary>Denies a target <c>linearValue</c> below the instance's current quantity; allows when either is unknown.</summary>
    DenyQuantityDecrease,

    /// <summary>Asks the seller's app synchronously (<see cref="ChangeCheckOptions.Url"/>); see docs/provisioning.md.</summary>
    Webhook,
}

/// <summary>The answer when the decision webhook times out, fails or answers something unreadable.</summary>
public enum ChangeCheckFallback
{
    Deny,
    Allow,
}

/// <summary>The default <c>changeInstanceCheck</c> decision (<c>KooGate:ChangeCheck</c>).</summary>
public sealed class ChangeCheckOptions
{
    public ChangeCheckPolicy Policy { get; set; } = ChangeCheckPolicy.AllowAll;

    /// <summary>The decision webhook; when absent, the product's webhook URL (<c>Webhook:Url</c>) is used.</summary>
    public string? Url { get; set; }

    /// <summary>How long the decision webhook may take; KooGallery gives the whole call 5 s.</summary>
    public int TimeoutMilliseconds { get; set; } = 2500;

    public ChangeCheckFallback OnFailure { get; set; } = ChangeCheckFallback.Deny;

    /// <summary>The <c>resultMsg</c> of a denial by rule (a webhook gives its own reason).</summary>
    public string DenyMessage { get; set; } = "this change of the instance's specification is not supported";

    /// <summary>The upper bound of <see cref="TimeoutMilliseconds"/>: room for the rest of the call within KooGallery's 5 s.</summary>
    public const int MaxTimeoutMilliseconds = 4000;
}

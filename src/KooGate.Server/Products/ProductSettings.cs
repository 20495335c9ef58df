using KooGate.Server.Configuration;
using Microsoft.Extensions.Options;

namespace KooGate.Server.Products;

/// <summary>What applies to one product: its own settings where configured, the deployment's defaults elsewhere.</summary>
public sealed record EffectiveProduct(
    string? ProductId,
    WebhookTarget? Webhook,
    IReadOnlyList<string> Secrets,
    string FrontEndUrlTemplate,
    string? AdminUrlTemplate,
    ProvisionerMode ProvisionerMode,
    ChangeCheckPolicy ChangeCheckPolicy,
    Uri? ChangeCheckUrl,
    ChangeCheckFallback ChangeCheckOnFailure,
    string DenyMessage)
{
    /// <summary>True when the seller's app provisions this product's instances (completing them through the admin API).</summary>
    public bool ProvisionedByWebhook => ProvisionerMode == ProvisionerMode.Webhook || (ProvisionerMode == ProvisionerMode.Auto && Webhook is not null);
}

/// <summary>Where a product's events go and the secrets they are signed with (several during a rotation).</summary>
public sealed record WebhookTarget(Uri Url, IReadOnlyList<string> Secrets);

/// <summary>
/// Resolves per-product settings by <c>productId</c> (<c>KooGate:Products</c>), falling back to the defaults: one
/// deployment serves a seller's many products. An unknown or not-yet-known product (a V2 create before 查询订单
/// answered) gets the defaults.
/// </summary>
public sealed class ProductSettings(IOptions<KooGateOptions> options)
{
    private KooGateOptions Options => options.Value;

    /// <summary>True when any event can go anywhere: a default webhook URL or one of any product.</summary>
    public bool AnyWebhook => Options.Webhook.IsConfigured || Options.Products.Any(p => !string.IsNullOrWhiteSpace(p.Webhook.Url));

    public EffectiveProduct For(string? productId)
    {
        var own = productId is null ? null : Options.Products.FirstOrDefault(p => p.ProductId == productId);
        var webhookUrl = Blank(own?.Webhook.Url) ?? Blank(Options.Webhook.Url);
        var secrets = SplitSecrets(Blank(own?.Webhook.Secret) ?? Options.Webhook.Secret ?? string.Empty);
        var changeUrl = Blank(own?.ChangeCheck.Url) ?? Blank(Options.ChangeCheck.Url) ?? webhookUrl;
        return new EffectiveProduct(
            own is null ? productId : own.ProductId,
            ToUri(webhookUrl) is { } webhook ? new WebhookTarget(webhook, secrets) : null,
            secrets,
            Blank(own?.Provisioning.FrontEndUrlTemplate) ?? Options.Provisioning.FrontEndUrlTemplate,
            Blank(own?.Provisioning.AdminUrlTemplate) ?? Options.Provisioning.AdminUrlTemplate,
            own?.Provisioning.Mode ?? Options.Provisioning.Mode,
            own?.ChangeCheck.Policy ?? Options.ChangeCheck.Policy,
            ToUri(changeUrl),
            own?.ChangeCheck.OnFailure ?? Options.ChangeCheck.OnFailure,
            Blank(own?.ChangeCheck.DenyMessage) ?? Options.ChangeCheck.DenyMessage);
    }

    /// <summary>Several secrets, separated by spaces, are all used to sign while a secret is being rotated.</summary>
    public static IReadOnlyList<string> SplitSecrets(string secret) =>
        secret.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>A configured secret value holding anything but <c>whsec_</c> secrets (checked at start).</summary>
    public static bool HasMalformedSecret(string? secret) =>
        !string.IsNullOrWhiteSpace(secret) && SplitSecrets(secret).Any(s => !Client.Events.WebhookSignature.IsWellFormed(s));

    /// <summary>Null for a value that is no absolute URL (<see cref="ProductOptionsValidation"/> stops the server on those).</summary>
    private static Uri? ToUri(string? value) => Uri.TryCreate(value, UriKind.Absolute, out var url) ? url : null;

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}

using KooGate.Server.Configuration;
using KooGate.Server.Instances;
using KooGate.Server.Products;

namespace KooGate.Server.Provisioning;

/// <summary>
/// The default provisioner: per product (<see cref="ProvisionerMode"/>), the seller's app through the webhook
/// (<see cref="WebhookProvisioner"/>) or KooGate at once (<see cref="AutomaticProvisioner"/>). A seller who registers
/// an own <see cref="IProvisioner"/> replaces it.
/// </summary>
public sealed class ConfiguredProvisioner(ProductSettings products, AutomaticProvisioner automatic) : IInlineProvisioner
{
    private static readonly WebhookProvisioner Webhook = new();

    public Task<ProvisionOutcome> ProvisionAsync(ProvisionRequest request, CancellationToken cancellationToken) => Task.FromResult(Decide(request));

    public ProvisionOutcome Decide(ProvisionRequest request) =>
        products.For(request.ProductId).ProvisionedByWebhook ? Webhook.Decide(request) : automatic.Decide(request);
}

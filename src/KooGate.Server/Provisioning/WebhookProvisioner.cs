using KooGate.Server.Instances;

namespace KooGate.Server.Provisioning;

/// <summary>
/// With a webhook configured, the seller's app provisions: the <c>instance.created</c> event goes out through the
/// outbox and the app completes with <c>POST /admin/api/instances/{id}/complete</c> (or <c>/fail</c>).
/// </summary>
public sealed class WebhookProvisioner : IInlineProvisioner
{
    public Task<ProvisionOutcome> ProvisionAsync(ProvisionRequest request, CancellationToken cancellationToken) => Task.FromResult(Decide(request));

    public ProvisionOutcome Decide(ProvisionRequest request) => ProvisionOutcome.Later();
}

using KooGate.Client.Events;
using Microsoft.Extensions.Options;

namespace Tenants.Sample;

/// <summary>Applies one verified KooGate event to the tenants, and provisions new ones when this app is the provisioner.</summary>
public sealed class TenantEvents(TenantStore store, IServiceProvider services, IOptions<TenantsOptions> options)
{
    public async Task HandleAsync(WebhookEvent received, CancellationToken cancellationToken)
    {
        if (store.WasHandled(received.Id))
        {
            return;
        }

        InstanceEventData? data = received switch
        {
            WebhookEvent<InstanceCreated> e => e.Data,
            WebhookEvent<InstanceOrderDetails> e => e.Data,
            WebhookEvent<InstanceRenewed> e => e.Data,
            WebhookEvent<InstanceUpgraded> e => e.Data,
            WebhookEvent<InstanceStatusChanged> e => e.Data,
            WebhookEvent<InstanceReleased> e => e.Data,
            WebhookEvent<InstanceProvisioningRetried> e => e.Data,
            _ => null, // licenses, Kit syncs, order.notified: not used by this app
        };
        if (data is not null)
        {
            var tenant = store.Apply(received.Type, data);
            if (options.Value.Provision && tenant.State == "provisioning"
                && received.Type is EventTypes.InstanceCreated or EventTypes.InstanceProvisioningRetried)
            {
                // Resolved only here: the provisioner needs the admin API settings, which an app that does not provision lacks.
                await services.GetRequiredService<TenantProvisioner>().ProvisionAsync(tenant, cancellationToken);
            }
        }

        store.MarkHandled(received.Id);
    }
}

using KooGate.Client.Admin;
using Microsoft.Extensions.Options;

namespace Tenants.Sample;

/// <summary>
/// The provisioner in KooGate's webhook mode: on <c>instance.created</c> (or a retried provisioning) it creates the
/// tenant's workspace and completes the instance through KooGate's admin API, which hands the buyer the tenant's
/// address. An exception leaves the event unacknowledged, so KooGate delivers it again.
/// </summary>
public sealed class TenantProvisioner(KooGateAdminClient admin, ITenantWorkspace workspace, TenantStore store, IOptions<TenantsOptions> options, ILogger<TenantProvisioner> logger)
{
    public async Task ProvisionAsync(Tenant tenant, CancellationToken cancellationToken)
    {
        await workspace.CreateAsync(tenant, cancellationToken);
        var url = options.Value.FrontEndUrlTemplate.Replace("{instanceId}", Uri.EscapeDataString(tenant.InstanceId), StringComparison.Ordinal);
        try
        {
            var instance = await admin.CompleteInstanceAsync(tenant.InstanceId, new CompleteProvisioning(url, UserName: "owner"), cancellationToken);
            store.Provisioned(tenant.InstanceId, url, instance.State.ToLowerInvariant());
        }
        catch (KooGateAdminConflictException e)
        {
            // The instance already ended otherwise (failed, say): nothing this event can change.
            logger.LogWarning("KooGate refused to complete instance {InstanceId}: {Reason}", tenant.InstanceId, e.Message);
        }
    }
}

namespace Tenants.Sample;

/// <summary>
/// Where a real app creates a tenant's resources (a schema, a DNS name, the first account). It must be idempotent per
/// instance id: KooGate redelivers an event the app did not acknowledge, and a retried provisioning comes again.
/// </summary>
public interface ITenantWorkspace
{
    Task CreateAsync(Tenant tenant, CancellationToken cancellationToken);
}

/// <summary>The sample's workspace: nothing to create, it only logs.</summary>
public sealed class LoggingTenantWorkspace(ILogger<LoggingTenantWorkspace> logger) : ITenantWorkspace
{
    public Task CreateAsync(Tenant tenant, CancellationToken cancellationToken)
    {
        logger.LogInformation("Workspace for instance {InstanceId} ({SkuCode} × {Quantity}) is ready", tenant.InstanceId, tenant.SkuCode, tenant.Quantity);
        return Task.CompletedTask;
    }
}

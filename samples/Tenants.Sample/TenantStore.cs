using KooGate.Client.Events;

namespace Tenants.Sample;

/// <summary>
/// The app's tenants, kept in memory for the sample (a real app keeps them in its own database, updated in the same
/// transaction as the handled event ids). Every <c>instance.*</c> event carries the purchase as it stands after the
/// change, so applying an event is copying its fields; KooGate sends an instance's events in order.
/// </summary>
public sealed class TenantStore(TimeProvider time)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Tenant> _tenants = new(StringComparer.Ordinal);
    private readonly HashSet<string> _handled = new(StringComparer.Ordinal);

    /// <summary>Delivery is at least once: an event id already handled is acknowledged without applying it again.</summary>
    public bool WasHandled(string eventId)
    {
        lock (_gate)
        {
            return _handled.Contains(eventId);
        }
    }

    public void MarkHandled(string eventId)
    {
        lock (_gate)
        {
            _handled.Add(eventId);
        }
    }

    /// <summary>Creates or updates the instance's tenant from an event's purchase fields; returns the tenant as it now is.</summary>
    public Tenant Apply(string type, InstanceEventData data)
    {
        lock (_gate)
        {
            var tenant = _tenants.GetValueOrDefault(data.InstanceId) ?? new Tenant { InstanceId = data.InstanceId };
            tenant = tenant with
            {
                State = NextState(tenant.State, data.State, type),
                CustomerId = data.CustomerId ?? tenant.CustomerId,
                CustomerName = data.CustomerName ?? tenant.CustomerName,
                ProductId = data.ProductId ?? tenant.ProductId,
                SkuCode = data.SkuCode ?? tenant.SkuCode,
                Quantity = data.Quantity ?? tenant.Quantity,
                ExpireTime = data.ExpireTime ?? tenant.ExpireTime,
                LastEvent = type,
                UpdatedAt = time.GetUtcNow(),
            };
            _tenants[tenant.InstanceId] = tenant;
            return tenant;
        }
    }

    /// <summary>This app finished provisioning and KooGate accepted it.</summary>
    public void Provisioned(string instanceId, string frontEndUrl, string state)
    {
        lock (_gate)
        {
            if (_tenants.TryGetValue(instanceId, out var tenant))
            {
                _tenants[instanceId] = tenant with { FrontEndUrl = frontEndUrl, State = state, UpdatedAt = time.GetUtcNow() };
            }
        }
    }

    public Tenant? Find(string instanceId)
    {
        lock (_gate)
        {
            return _tenants.GetValueOrDefault(instanceId);
        }
    }

    public IReadOnlyList<Tenant> All()
    {
        lock (_gate)
        {
            return [.. _tenants.Values.OrderBy(t => t.InstanceId, StringComparer.Ordinal)];
        }
    }

    /// <summary>
    /// The event's state, except that an event written before this app completed provisioning (a late
    /// <c>instance.order_details</c>, say) does not turn an active tenant back to provisioning; a retried provisioning does.
    /// </summary>
    private static string? NextState(string? current, string? reported, string type) =>
        reported == "provisioning" && current == "active" && type != EventTypes.InstanceProvisioningRetried ? current : reported ?? current;
}

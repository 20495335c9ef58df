namespace Tenants.Sample;

/// <summary>The sample's settings (<c>Tenants</c> section).</summary>
public sealed class TenantsOptions
{
    /// <summary>Act as KooGate's provisioner (webhook mode): complete new instances through the admin API.</summary>
    public bool Provision { get; set; } = true;

    /// <summary>The address a buyer gets for a tenant; <c>{instanceId}</c> is replaced.</summary>
    public string FrontEndUrlTemplate { get; set; } = "http://127.0.0.1:5090/tenants/{instanceId}";
}

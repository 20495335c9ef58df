using KooGate.Server.Produce.License;
using KooGate.Server.Produce.SaasV1;
using KooGate.Server.Provisioning;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace KooGate.Server.Produce;

/// <summary>The services behind the lifecycle and license handlers: the instance lifecycle, license codes and license issuance.</summary>
public static class V1Registration
{
    public static IServiceCollection AddKooGateV1AndLicense(this IServiceCollection services)
    {
        services.AddScoped<Instances.InstanceLifecycle>();
        services.AddScoped<Instances.InstanceLicenses>();
        services.AddScoped<Instances.LicenseCodeLifecycle>();
        services.AddSingleton<LicenseSigningKey>();
        // A seller's own license format replaces this registration.
        services.TryAddScoped<ILicenseProvisioner, SignedLicenseProvisioner>();
        return services;
    }
}

using KooGate.Server.Produce.KitV1;
using KooGate.Server.Produce.License;
using KooGate.Server.Produce.OrderNotify;
using KooGate.Server.Produce.SaasV1;
using KooGate.Server.Provisioning;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace KooGate.Server.Produce;

/// <summary>The V1 GET interfaces, Kit V1, license codes, online license, order notification and license issuance.</summary>
public static class V1Registration
{
    public static IServiceCollection AddKooGateV1AndLicense(this IServiceCollection services)
    {
        services.AddScoped<V1GetEndpoint>();
        services.AddScoped<KitV1Endpoint>();
        services.AddScoped<V1Lifecycle>();
        services.AddScoped<LicenseCodeStore>();
        services.AddSingleton<LicenseSigningKey>();
        // A seller's own license format replaces this registration.
        services.TryAddScoped<ILicenseProvisioner, SignedLicenseProvisioner>();

        services.AddScoped<IV1Handler, V1NewInstanceHandler>();
        services.AddScoped<IV1Handler, V1RefreshInstanceHandler>();
        services.AddScoped<IV1Handler, V1ExpireInstanceHandler>();
        services.AddScoped<IV1Handler, V1ReleaseInstanceHandler>();
        services.AddScoped<IV1Handler, V1UpgradeHandler>();
        services.AddScoped<IV1Handler, V1InstanceStatusHandler>();
        services.AddScoped<IV1Handler, V1QueryInstanceHandler>();
        services.AddScoped<IV1Handler, GetLicenseHandler>();
        services.AddScoped<IV1Handler, RefreshLicenseHandler>();
        services.AddScoped<IV1Handler, ExpireLicenseHandler>();
        services.AddScoped<IV1Handler, ReleaseLicenseHandler>();

        services.AddScoped<IActivityHandler, RefreshLicenseCodeHandler>();
        services.AddScoped<IActivityHandler, UpdateLicenseCodeStatusHandler>();
        services.AddScoped<IActivityHandler, ReleaseLicenseCodeHandler>();
        services.AddScoped<IActivityHandler, GetLicenseAsyncHandler>();
        services.AddScoped<IActivityHandler, OrderNotifyHandler>();
        return services;
    }
}

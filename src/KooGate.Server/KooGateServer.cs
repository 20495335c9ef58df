using KooGate.Server.Admin;
using KooGate.Server.Configuration;
using KooGate.Server.Dashboard;
using KooGate.Server.Data;
using KooGate.Server.Instances;
using KooGate.Server.Maintenance;
using KooGate.Server.Observability;
using KooGate.Server.Orders;
using KooGate.Server.Outbox;
using KooGate.Server.Produce;
using KooGate.Server.Produce.KitV2;
using KooGate.Server.Produce.Verification;
using KooGate.Server.Provisioning;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace KooGate.Server;

/// <summary>Composition of the server: configuration, database, production interface and provisioning.</summary>
public static class KooGateServer
{
    /// <summary>
    /// Registers KooGate. Nothing here reads configuration: values are resolved when first used, after the host (and
    /// any test overrides) is built and development secrets are in place.
    /// </summary>
    public static WebApplicationBuilder AddKooGate(this WebApplicationBuilder builder)
    {
        var services = builder.Services;

        // Per-statement SQL logging costs more than the call itself; off even when no appsettings.json is found.
        builder.Logging.AddFilter("Microsoft.EntityFrameworkCore.Database.Command", LogLevel.Warning);
        services.AddOptions<KooGateOptions>().BindConfiguration(KooGateOptions.Section).ValidateOnStart();
        services.AddSingleton<Microsoft.Extensions.Options.IValidateOptions<KooGateOptions>, Products.ProductOptionsValidation>();
        services.AddSingleton<Products.ProductSettings>();
        services.AddSingleton(sp => InterfaceKeys.FromConfiguration(sp.GetRequiredService<IConfiguration>()));
        services.AddSingleton(sp => new SecretProtector(Options(sp).SecretsKey
            ?? throw new InvalidOperationException("KooGate:SecretsKey is not configured")));
        services.AddSingleton(TimeProvider.System);
        services.AddKooGateDatabase();
        services.AddHealthChecks().AddDbContextCheck<KooGateDbContext>("database");

        services.AddSingleton<NonceStore>();
        services.AddSingleton<CallbackLogWriter>();
        services.AddSingleton<Instances.CreateCommits>();
        services.AddScoped<CallbackRecorder>();
        services.AddKooGateProduce();
        services.AddScoped<InstanceStore>();
        services.AddScoped<Instances.InstanceCreation>();
        services.AddScoped<InstanceReads>();
        services.AddSingleton<OutboxWriter>();
        services.AddSingleton<InstanceEvents>();
        services.AddHttpClient(OutboxDispatcher.HttpClientName);
        services.AddSingleton<OutboxDispatcher>();
        services.AddHostedService(sp => sp.GetRequiredService<OutboxDispatcher>());
        services.AddKooGateAdmin();
        services.AddTransient<IStartupFilter, ForwardedHeadersStartupFilter>();
        services.AddKooGateOpenApi();
        services.AddKooGateDashboard();
        services.AddKooGateObservability();
        services.AddHostedService<OrderFetcher>();
        services.AddScoped<IOrderSource, MarketplaceOrderSource>();
        services.AddSingleton<KooGate.Server.OpenApi.MarketplaceClients>();
        services.AddHttpClient(KooGate.Server.OpenApi.MarketplaceClients.HttpClientName).AddStandardResilienceHandler(KooGate.Server.OpenApi.MarketplaceResilience.Configure);
        services.AddHostedService<Licensing.AsyncLicenseUploader>();
        services.AddHostedService<MaintenanceWorker>();
        Notifications.NotificationSetup.AddKooGateNotifications(services);
        services.AddHostedService<Usage.UsagePusher>();
        services.AddSingleton<ProvisioningRunner>();
        services.AddScoped<PurchaseProvisioning>();
        services.AddSingleton<AutomaticProvisioner>();
        services.AddScoped<IProvisioner, ConfiguredProvisioner>();

        services.AddSingleton<ClientSecretKey>();
        services.AddSingleton<ChangeCheck.ChangeCheckDecider>();
        services.AddHttpClient(ChangeCheck.ChangeCheckDecider.HttpClientName);
        services.AddKooGateV1AndLicense();
        KitLogin.KitLoginEndpoints.AddKooGateKitLogin(services);
        Licensing.Proxy.LicenseProxyEndpoints.AddKooGateLicenseProxy(services);
        return builder;
    }

    public static async Task<WebApplication> UseKooGateAsync(this WebApplication app)
    {
        var configuration = (IConfigurationBuilder)app.Configuration;
        if (app.Environment.IsDevelopment())
        {
            // Only Development invents and prints secrets; elsewhere a missing one stops the start (StartupCheck).
            DevelopmentSecrets.Apply(configuration, app.Configuration, Console.Out);
            DevelopmentSecrets.ApplyAdminUser(configuration, app.Configuration, Console.Out);
        }

        StartupCheck.Run(app.Configuration, Options(app.Services), app.Environment.IsDevelopment());

        await DatabaseSetup.MigrateAsync(app.Services);
        var path = "/" + app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<KooGateOptions>>().Value.ProductionPath.Trim('/');
        app.UseRateLimiter();
        app.UseAdminRequestGuard();
        app.MapKooGateProduce(path);
        app.MapKooGateAdmin();
        app.MapKooGateOpenApi();
        app.MapKooGateDashboard();
        app.MapKooGateObservability();
        KitLogin.KitLoginEndpoints.MapKooGateKitLogin(app);
        Licensing.Proxy.LicenseProxyEndpoints.MapKooGateLicenseProxy(app);
        app.MapHealthChecks("/healthz", new Microsoft.AspNetCore.Diagnostics.HealthChecks.HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks("/readyz");
        return app;
    }

    private static KooGateOptions Options(IServiceProvider services) =>
        services.GetRequiredService<Microsoft.Extensions.Options.IOptions<KooGateOptions>>().Value;
}

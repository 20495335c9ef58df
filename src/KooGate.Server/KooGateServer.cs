using KooGate.Server.Configuration;
using KooGate.Server.Data;
using KooGate.Server.Instances;
using KooGate.Server.Produce;
using KooGate.Server.Produce.SaasV2;
using KooGate.Server.Produce.Verification;
using KooGate.Server.Provisioning;

namespace KooGate.Server;

/// <summary>Composition of the server: configuration, database, production interface and provisioning.</summary>
public static class KooGateServer
{
    public static WebApplicationBuilder AddKooGate(this WebApplicationBuilder builder)
    {
        var dataDirectory = builder.Configuration[$"{KooGateOptions.Section}:DataDirectory"] ?? "data";
        DevelopmentSecrets.Apply(builder.Configuration, dataDirectory, Console.Out);

        var services = builder.Services;
        services.AddOptions<KooGateOptions>().Bind(builder.Configuration.GetSection(KooGateOptions.Section));
        var options = builder.Configuration.GetSection(KooGateOptions.Section).Get<KooGateOptions>() ?? new KooGateOptions();
        services.AddSingleton(InterfaceKeys.FromConfiguration(builder.Configuration));
        services.AddSingleton(new SecretProtector(options.SecretsKey!));
        services.AddSingleton(TimeProvider.System);
        services.AddKooGateDatabase(DatabaseSetup.ConnectionString(builder.Configuration, options));
        services.AddHealthChecks().AddDbContextCheck<KooGateDbContext>("database");

        services.AddScoped<NonceStore>();
        services.AddScoped<CallbackRecorder>();
        services.AddScoped<PostEndpoint>();
        services.AddScoped<InstanceStore>();
        services.AddSingleton<OutboxWriter>();
        services.AddSingleton<ProvisioningRunner>();
        if (options.Webhook.IsConfigured)
        {
            services.AddScoped<IProvisioner, WebhookProvisioner>();
        }
        else
        {
            services.AddScoped<IProvisioner, AutomaticProvisioner>();
        }

        services.AddScoped<IActivityHandler, NewInstanceHandler>();
        services.AddScoped<IActivityHandler, QueryInstanceHandler>();
        return builder;
    }

    public static async Task<WebApplication> UseKooGateAsync(this WebApplication app)
    {
        await DatabaseSetup.MigrateAsync(app.Services);
        var path = "/" + app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<KooGateOptions>>().Value.ProductionPath.Trim('/');
        app.MapPost(path, (HttpContext context, PostEndpoint endpoint) => endpoint.HandleBasicAsync(context));
        app.MapPost(path + "/produceAPI/v2/{name}", (HttpContext context, string name, PostEndpoint endpoint) => endpoint.HandleKitAsync(context, name));
        app.MapHealthChecks("/healthz", new Microsoft.AspNetCore.Diagnostics.HealthChecks.HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks("/readyz");
        return app;
    }
}

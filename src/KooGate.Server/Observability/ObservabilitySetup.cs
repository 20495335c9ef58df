using OpenTelemetry.Metrics;

namespace KooGate.Server.Observability;

/// <summary>
/// Metrics through OpenTelemetry with a Prometheus scrape endpoint (<c>KooGate:Metrics:Path</c>, default
/// <c>/metrics</c>). Logs are configured in appsettings: JSON console lines with scopes, so every line of a request
/// carries its TraceId and RequestId.
/// </summary>
public static class ObservabilitySetup
{
    public static IServiceCollection AddKooGateObservability(this IServiceCollection services)
    {
        services.AddSingleton<KooGateMetrics>();
        services.AddOpenTelemetry().WithMetrics(metrics => metrics
            .AddMeter(KooGateMetrics.MeterName)
            .AddAspNetCoreInstrumentation()
            .AddPrometheusExporter());
        return services;
    }

    public static IEndpointRouteBuilder MapKooGateObservability(this IEndpointRouteBuilder app)
    {
        var configuration = app.ServiceProvider.GetRequiredService<IConfiguration>();
        if (configuration.GetValue("KooGate:Metrics:Enabled", true))
        {
            app.MapPrometheusScrapingEndpoint(configuration["KooGate:Metrics:Path"] ?? "/metrics");
        }

        return app;
    }
}

using System.Net;
using KooGate.Client.Admin;
using KooGate.Client.Events;

namespace Tenants.Sample;

/// <summary>
/// A seller's application that runs its tenants from KooGate's events alone (docs/integrating.md): KooGate POSTs
/// Standard Webhooks deliveries to <c>/koogate/events</c>, <see cref="WebhookVerifier"/> turns each into a verified,
/// typed event, and the app keeps one tenant per instance (customer, SKU, quantity, expiry, state). With
/// <c>Tenants:Provision</c> it is also KooGate's provisioner and completes new instances through the admin API.
/// <c>GET /tenants</c> and <c>/tenants/{instanceId}</c> show them as JSON, <c>/</c> as a page.
/// </summary>
public static class TenantsApp
{
    /// <param name="services">Service overrides applied last (a test's clock or workspace).</param>
    public static WebApplication Build(string[] args, Action<IServiceCollection>? services = null)
    {
        var builder = WebApplication.CreateBuilder(args);
        var configuration = builder.Configuration;
        var secrets = (configuration["KooGate:WebhookSecret"] ?? string.Empty).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (secrets.Length == 0)
        {
            throw new InvalidOperationException("KooGate:WebhookSecret is not configured: the whsec_ secret (or secrets, space-separated) KooGate signs events with");
        }

        builder.Services.Configure<TenantsOptions>(configuration.GetSection("Tenants"));
        var provision = configuration.GetValue("Tenants:Provision", defaultValue: true);
        if (provision && (string.IsNullOrWhiteSpace(configuration["KooGate:Url"]) || string.IsNullOrWhiteSpace(configuration["KooGate:AdminApiKey"])))
        {
            throw new InvalidOperationException("Tenants:Provision needs KooGate:Url and KooGate:AdminApiKey (KooGate's admin API completes the instances)");
        }

        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton(sp => new WebhookVerifier(secrets, sp.GetRequiredService<TimeProvider>()));
        builder.Services.AddSingleton(_ => new KooGateAdminClient(new Uri(configuration["KooGate:Url"]!), configuration["KooGate:AdminApiKey"]!));
        builder.Services.AddSingleton<TenantStore>();
        builder.Services.AddSingleton<ITenantWorkspace, LoggingTenantWorkspace>();
        builder.Services.AddSingleton<TenantProvisioner>();
        builder.Services.AddSingleton<TenantEvents>();
        services?.Invoke(builder.Services);

        var app = builder.Build();
        app.MapPost("/koogate/events", ReceiveAsync);
        app.MapGet("/tenants", (TenantStore store) => Results.Ok(store.All()));
        app.MapGet("/tenants/{instanceId}", (string instanceId, TenantStore store) =>
            store.Find(instanceId) is { } tenant ? Results.Ok(tenant) : Results.Problem(statusCode: 404, title: "unknown tenant", detail: $"no tenant for instance {instanceId}"));
        app.MapGet("/", (TenantStore store) => Page(store.All()));
        return app;
    }

    /// <summary>
    /// 400 for a delivery that is not genuine (KooGate will not fix it by retrying, an operator must look), 500 when
    /// applying it failed (KooGate retries with backoff), 204 once applied or already applied.
    /// </summary>
    private static async Task<IResult> ReceiveAsync(HttpRequest request, WebhookVerifier verifier, TenantEvents events, ILogger<TenantEvents> logger, CancellationToken cancellationToken)
    {
        using var body = new MemoryStream();
        await request.Body.CopyToAsync(body, cancellationToken); // the exact bytes: the signature covers them
        WebhookEvent received;
        try
        {
            received = verifier.ConstructEvent(request.Headers[WebhookSignature.IdHeader], request.Headers[WebhookSignature.TimestampHeader],
                request.Headers[WebhookSignature.SignatureHeader], body.ToArray());
        }
        catch (WebhookVerificationException e)
        {
            logger.LogWarning("Refused a delivery: {Failure}: {Reason}", e.Failure, e.Message);
            return Results.Problem(statusCode: 400, title: e.Failure.ToString(), detail: e.Message);
        }

        try
        {
            await events.HandleAsync(received, cancellationToken);
            return Results.NoContent();
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogError(e, "Could not apply event {EventId} ({Type}); KooGate will deliver it again", received.Id, received.Type);
            return Results.Problem(statusCode: 500, title: "not applied", detail: "the event could not be applied; it will be delivered again");
        }
    }

    private static IResult Page(IReadOnlyList<Tenant> tenants)
    {
        static string Cell(object? value) => $"<td>{WebUtility.HtmlEncode(Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty)}</td>";
        var rows = string.Concat(tenants.Select(t =>
            $"<tr>{Cell(t.InstanceId)}{Cell(t.CustomerName)}{Cell(t.SkuCode)}{Cell(t.Quantity)}{Cell(t.ExpireTime?.ToString("u", System.Globalization.CultureInfo.InvariantCulture))}{Cell(t.State)}</tr>"));
        return Results.Content(
            "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Tenants</title></head><body><h1>Tenants</h1>"
            + "<table><thead><tr><th>Instance</th><th>Customer</th><th>SKU</th><th>Quantity</th><th>Expires</th><th>State</th></tr></thead>"
            + $"<tbody>{rows}</tbody></table></body></html>",
            "text/html; charset=utf-8");
    }
}

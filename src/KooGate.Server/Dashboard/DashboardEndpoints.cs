using System.Globalization;
using KooGate.Server.Admin;
using KooGate.Server.Dashboard.Components;
using KooGate.Server.Data;
using KooGate.Server.Outbox;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace KooGate.Server.Dashboard;

/// <summary>
/// The operator dashboard under <c>/dashboard</c>: server-rendered Razor components, no script. Every page needs a
/// session (or the API key); every POST is a form checked against its antiforgery token.
/// </summary>
public static class DashboardEndpoints
{
    public const string Prefix = "/dashboard";

    internal const string CsrfItem = "KooGate.Csrf";

    internal const int PageSize = 50;

    public static IServiceCollection AddKooGateDashboard(this IServiceCollection services)
    {
        services.AddRazorComponents();
        services.AddHttpContextAccessor();
        return services;
    }

    public static IEndpointRouteBuilder MapKooGateDashboard(this IEndpointRouteBuilder app)
    {
        var dashboard = app.MapGroup(Prefix).AddEndpointFilter(GuardAsync).ExcludeFromDescription();
        dashboard.MapLogin();
        var pages = dashboard.MapGroup(string.Empty).RequireAuthorization(AdminApi.Policy);
        pages.MapGet("/", OverviewAsync);
        pages.MapGet("/instances", InstancesAsync);
        pages.MapGet("/instances/{id}", InstanceAsync);
        pages.MapPost("/instances/{id}/retry", RetryProvisioningAsync);
        pages.MapGet("/tenants", TenantsAsync);
        pages.MapGet("/tenants/{instanceId}/{tenantId}", TenantAsync);
        pages.MapGet("/callbacks", CallbacksAsync);
        pages.MapGet("/callbacks/{id:long}", CallbackAsync);
        pages.MapDashboardOutbox();
        pages.MapDashboardActions();
        pages.MapDashboardLicensesAndUsage();
        foreach (var section in app.ServiceProvider.GetServices<IDashboardSection>())
        {
            section.Map(pages);
        }

        return app;
    }

    /// <summary>Renders a page component whose single parameter is <c>Model</c>.</summary>
    public static RazorComponentResult Page<TComponent>(object model)
        where TComponent : Microsoft.AspNetCore.Components.IComponent =>
        new RazorComponentResult<TComponent>(new Dictionary<string, object?> { ["Model"] = model });

    /// <summary>Security headers on every response; antiforgery tokens issued on reads and checked on every POST.</summary>
    private static async ValueTask<object?> GuardAsync(EndpointFilterInvocationContext invocation, EndpointFilterDelegate next)
    {
        var context = invocation.HttpContext;
        var headers = context.Response.Headers;
        headers.CacheControl = "no-cache, no-store";
        headers.Pragma = "no-cache";
        headers.ContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "no-referrer";
        headers.XContentTypeOptions = "nosniff";
        var antiforgery = context.RequestServices.GetRequiredService<IAntiforgery>();
        if (HttpMethods.IsPost(context.Request.Method))
        {
            if (!await antiforgery.IsRequestValidAsync(context))
            {
                return Results.Problem(statusCode: 400, title: "missing or invalid antiforgery token", detail: "reload the page and submit the form again");
            }
        }

        context.Items[CsrfItem] = antiforgery.GetAndStoreTokens(context);
        return await next(invocation);
    }

    private static async Task<IResult> OverviewAsync(KooGateDbContext db, TimeProvider time, string? range, bool? checks, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var showChecks = checks == true;
        var states = await new InstanceFilter().Apply(db).GroupBy(i => i.State)
            .Select(g => new { State = g.Key, Count = g.Count() }).ToListAsync(cancellationToken);
        var dead = await db.Outbox.CountAsync(m => m.Status == OutboxStatus.Dead, cancellationToken);
        var failing = await db.Outbox.CountAsync(m => m.Status == OutboxStatus.Pending && m.Attempts > 0, cancellationToken);
        var health = await MarketplaceHealth.MeasureAsync(db, now, cancellationToken);
        var calls = await CallsChart.CountAsync(db, range ?? "24h", showChecks, now, cancellationToken);
        var callbacks = await new CallbackFilter(FailedOnly: true, IncludeSynthetic: showChecks).Apply(db).Take(20).ToListAsync(cancellationToken);
        return Page<OverviewPage>(new OverviewModel(
            Enum.GetValues<InstanceState>().ToDictionary(s => s.ToString(), s => states.FirstOrDefault(x => x.State == s)?.Count ?? 0),
            dead, failing, health, calls, callbacks.Select(CallbackView.From).ToList(), showChecks));
    }

    private static async Task<IResult> InstancesAsync(
        KooGateDbContext db, TimeProvider time, string? state, string? q, string? product, string? customer, string? from, string? to, bool? debug, bool? checks,
        int? skip, CancellationToken cancellationToken)
    {
        var filter = new InstanceFilter(
            Enum.TryParse<InstanceState>(state, ignoreCase: true, out var s) ? s : null, Blank(q), Blank(product), Blank(customer), Date(from), Date(to),
            debug == true ? null : false, checks == true);
        var page = await Paging.PageAsync(filter.Apply(db), skip, PageSize, cancellationToken);
        var pager = new Pager("/dashboard/instances", new Dictionary<string, string?>
        {
            ["state"] = filter.State?.ToString(),
            ["q"] = filter.Search,
            ["product"] = filter.ProductId,
            ["customer"] = filter.CustomerId,
            ["from"] = Blank(from),
            ["to"] = Blank(to),
            ["debug"] = debug == true ? "true" : null,
            ["checks"] = checks == true ? "true" : null,
        }, page.Skip, page.Take, page.Total, page.Items.Count);
        return Page<InstancesPage>(new InstancesModel(page.Items.Select(InstanceView.From).ToList(), filter, Blank(from), Blank(to), pager, time.GetUtcNow()));
    }

    private static async Task<IResult> RetryProvisioningAsync(string id, Provisioning.ProvisioningRunner runner, CancellationToken cancellationToken)
    {
        var (instance, reopened) = await runner.RetryAsync(id, "retried from the dashboard", cancellationToken);
        return instance is null
            ? Results.NotFound()
            : Results.Redirect($"{Prefix}/instances/{Uri.EscapeDataString(id)}?notice={Uri.EscapeDataString(reopened ? "Provisioning retried." : "refused: only a failed provisioning can be retried")}");
    }

    private static async Task<IResult> InstanceAsync(string id, string? notice, KooGateDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var instance = await db.Instances.AsNoTracking().FirstOrDefaultAsync(i => i.InstanceId == id, cancellationToken);
        if (instance is null)
        {
            return NotFound("instance", id);
        }

        var events = await db.InstanceEvents.AsNoTracking().Where(e => e.InstanceId == id).OrderBy(e => e.Id).ToListAsync(cancellationToken);
        var orders = await db.Orders.AsNoTracking().Where(o => o.InstanceId == id).ToListAsync(cancellationToken);
        var deliveries = await new OutboxFilter(InstanceId: id).Apply(db).Take(PageSize).ToListAsync(cancellationToken);
        var callbacks = await new CallbackFilter(InstanceId: id, IncludeSynthetic: true).Apply(db).Take(PageSize).ToListAsync(cancellationToken);
        var tenants = await db.KitTenants.AsNoTracking().Where(t => t.InstanceId == id).ToListAsync(cancellationToken);
        var details = new InstanceDetailsView(InstanceView.From(instance), events.Select(InstanceEventView.From).ToList(), orders.Select(OrderView.From).ToList());
        return Page<InstancePage>(new InstanceModel(
            details, deliveries.Select(OutboxView.From).ToList(), callbacks.Select(CallbackView.From).ToList(), tenants, notice, time.GetUtcNow()));
    }

    private static async Task<IResult> TenantsAsync(KooGateDbContext db, string? q, bool? deleted, int? skip, CancellationToken cancellationToken)
    {
        var page = await Paging.PageAsync(TenantAdminEndpoints.Query(db, Blank(q), deleted == true), skip, PageSize, cancellationToken);
        var pager = new Pager("/dashboard/tenants", new Dictionary<string, string?> { ["q"] = Blank(q), ["deleted"] = deleted == true ? "true" : null },
            page.Skip, page.Take, page.Total, page.Items.Count);
        return Page<TenantsPage>(new TenantsModel(page.Items.Select(TenantView.From).ToList(), Blank(q), deleted == true, pager));
    }

    private static async Task<IResult> TenantAsync(string instanceId, string tenantId, KooGateDbContext db, CancellationToken cancellationToken) =>
        await TenantAdminEndpoints.DetailsAsync(db, instanceId == TenantAdminEndpoints.EmptyInstance ? string.Empty : instanceId, tenantId, cancellationToken) is { } details
            ? Page<TenantPage>(details)
            : NotFound("tenant", $"{instanceId}/{tenantId}");

    private static async Task<IResult> CallbacksAsync(
        KooGateDbContext db, string? orderId, string? instanceId, string? activity, string? resultCode, string? from, string? to, bool? failed, bool? checks,
        int? skip, CancellationToken cancellationToken)
    {
        var filter = new CallbackFilter(Blank(orderId), Blank(instanceId), Blank(activity), Blank(resultCode), Date(from), Date(to), failed == true,
            checks == true || Blank(orderId) is not null || Blank(instanceId) is not null);
        var page = await Paging.PageAsync(filter.Apply(db), skip, PageSize, cancellationToken);
        var pager = new Pager("/dashboard/callbacks", new Dictionary<string, string?>
        {
            ["orderId"] = filter.OrderId,
            ["instanceId"] = filter.InstanceId,
            ["activity"] = filter.Activity,
            ["resultCode"] = filter.ResultCode,
            ["from"] = Blank(from),
            ["to"] = Blank(to),
            ["failed"] = failed == true ? "true" : null,
            ["checks"] = checks == true ? "true" : null,
        }, page.Skip, page.Take, page.Total, page.Items.Count);
        return Page<CallbacksPage>(new CallbacksModel(page.Items.Select(CallbackView.From).ToList(), filter, pager));
    }

    private static async Task<IResult> CallbackAsync(long id, KooGateDbContext db, CancellationToken cancellationToken)
    {
        if (await db.CallbackLogs.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, cancellationToken) is not { } callback)
        {
            return NotFound("callback", id.ToString(CultureInfo.InvariantCulture));
        }

        var view = CallbackView.From(callback);
        return Page<CallbackPage>(new CallbackModel(view, SignatureHints.For(view.Verdict), Highlight.IsLicenseCodeCall(view.Activity)));
    }

    /// <summary>A page rather than a bare 404, so a dead link still says what was missing.</summary>
    internal static IResult NotFound(string what, string id) =>
        new RazorComponentResult<NotFoundPage>(new Dictionary<string, object?> { ["What"] = what, ["Id"] = id }) { StatusCode = 404 };

    internal static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    /// <summary>A date filter from a form's date field (UTC); anything unreadable is ignored.</summary>
    internal static DateTimeOffset? Date(string? value) =>
        DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed) ? parsed : null;
}

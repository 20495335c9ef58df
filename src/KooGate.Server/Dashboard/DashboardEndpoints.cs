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

    private const int PageSize = 100;

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
        pages.MapGet("/outbox", OutboxAsync);
        pages.MapPost("/outbox/{id:guid}/redeliver", RedeliverAsync);
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

    private static async Task<IResult> OverviewAsync(KooGateDbContext db, CancellationToken cancellationToken)
    {
        var states = await db.Instances.AsNoTracking().Where(i => !i.IsTest).GroupBy(i => i.State)
            .Select(g => new { State = g.Key, Count = g.Count() }).ToListAsync(cancellationToken);
        var dead = await db.Outbox.CountAsync(m => m.Status == OutboxStatus.Dead, cancellationToken);
        var failing = await db.Outbox.CountAsync(m => m.Status == OutboxStatus.Pending && m.Attempts > 0, cancellationToken);
        var failedOrders = await db.Orders.CountAsync(o => o.Status == OrderFetchStatus.Failed, cancellationToken);
        var callbacks = await db.CallbackLogs.AsNoTracking().Where(c => c.ResultCode != "000000" && c.ResultCode != "000004")
            .OrderByDescending(c => c.Id).Take(20).ToListAsync(cancellationToken);
        return Page<OverviewPage>(new OverviewModel(
            Enum.GetValues<InstanceState>().ToDictionary(s => s.ToString(), s => states.FirstOrDefault(x => x.State == s)?.Count ?? 0),
            dead, failing, failedOrders, callbacks.Select(CallbackView.From).ToList()));
    }

    private static async Task<IResult> InstancesAsync(KooGateDbContext db, TimeProvider time, string? state, string? q, bool? debug, CancellationToken cancellationToken)
    {
        var query = db.Instances.AsNoTracking();
        var parsed = Enum.TryParse<InstanceState>(state, ignoreCase: true, out var s) ? s : (InstanceState?)null;
        query = parsed is null ? query : query.Where(i => i.State == parsed);
        query = string.IsNullOrWhiteSpace(q) ? query : query.Where(i => i.InstanceId == q.Trim() || i.OrderId == q.Trim());
        query = debug == true ? query : query.Where(i => !i.IsTest);
        var rows = await query.OrderByDescending(i => i.CreatedAt).Take(PageSize).ToListAsync(cancellationToken);
        return Page<InstancesPage>(new InstancesModel(rows.Select(InstanceView.From).ToList(), parsed?.ToString(), q, debug == true, time.GetUtcNow()));
    }

    private static async Task<IResult> RetryProvisioningAsync(string id, Provisioning.ProvisioningRunner runner, CancellationToken cancellationToken)
    {
        var (instance, reopened) = await runner.RetryAsync(id, "retried from the dashboard", cancellationToken);
        return instance is null
            ? Results.NotFound()
            : Results.Redirect($"{Prefix}/instances/{Uri.EscapeDataString(id)}?notice={(reopened ? "retried" : "not-failed")}");
    }

    private static async Task<IResult> InstanceAsync(string id, KooGateDbContext db, TimeProvider time, string? notice, CancellationToken cancellationToken)
    {
        var instance = await db.Instances.AsNoTracking().FirstOrDefaultAsync(i => i.InstanceId == id, cancellationToken);
        if (instance is null)
        {
            return Results.NotFound();
        }

        var events = await db.InstanceEvents.AsNoTracking().Where(e => e.InstanceId == id).OrderBy(e => e.Id).ToListAsync(cancellationToken);
        var orders = await db.Orders.AsNoTracking().Where(o => o.InstanceId == id).ToListAsync(cancellationToken);
        var deliveries = await db.Outbox.AsNoTracking().Where(m => m.InstanceId == id).OrderByDescending(m => m.Sequence).Take(PageSize).ToListAsync(cancellationToken);
        var callbacks = await db.CallbackLogs.AsNoTracking().Where(c => c.InstanceId == id).OrderByDescending(c => c.Id).Take(PageSize).ToListAsync(cancellationToken);
        var tenants = await db.KitTenants.AsNoTracking().Where(t => t.InstanceId == id).ToListAsync(cancellationToken);
        var details = new InstanceDetailsView(InstanceView.From(instance), events.Select(InstanceEventView.From).ToList(), orders.Select(OrderView.From).ToList());
        return Page<InstancePage>(new InstanceModel(
            details, deliveries.Select(OutboxView.From).ToList(), callbacks.Select(CallbackView.From).ToList(), tenants, time.GetUtcNow(), notice));
    }

    private static async Task<IResult> TenantsAsync(KooGateDbContext db, CancellationToken cancellationToken) =>
        Page<TenantsPage>(new TenantsModel(await db.KitTenants.AsNoTracking()
            .OrderBy(t => t.InstanceId).ThenBy(t => t.TenantId).Take(500).ToListAsync(cancellationToken)));

    private static async Task<IResult> TenantAsync(string instanceId, string tenantId, KooGateDbContext db, CancellationToken cancellationToken)
    {
        var tenant = await db.KitTenants.AsNoTracking().FirstOrDefaultAsync(t => t.InstanceId == instanceId && t.TenantId == tenantId, cancellationToken);
        if (tenant is null)
        {
            return Results.NotFound();
        }

        var orgs = await db.KitOrgs.AsNoTracking().Where(o => o.InstanceId == instanceId && o.TenantId == tenantId).ToListAsync(cancellationToken);
        var users = await db.KitUsers.AsNoTracking().Where(u => u.InstanceId == instanceId && u.TenantId == tenantId)
            .OrderBy(u => u.UserName).ToListAsync(cancellationToken);
        var apps = await db.KitApplications.AsNoTracking().Where(a => a.InstanceId == instanceId && a.TenantId == tenantId).ToListAsync(cancellationToken);
        return Page<TenantPage>(new TenantModel(tenant, orgs, users, apps));
    }

    private static async Task<IResult> CallbacksAsync(
        KooGateDbContext db, string? orderId, string? instanceId, string? activity, string? resultCode, long? before, CancellationToken cancellationToken)
    {
        var filter = new CallbackFilter(Blank(orderId), Blank(instanceId), Blank(activity), Blank(resultCode), IncludeSynthetic: true);
        var query = filter.Apply(db);
        query = before is null ? query : query.Where(c => c.Id < before);
        var rows = await query.OrderByDescending(c => c.Id).Take(PageSize).ToListAsync(cancellationToken);
        return Page<CallbacksPage>(new CallbacksModel(
            rows.Select(CallbackView.From).ToList(), filter, rows.Count == PageSize ? rows[^1].Id : null));
    }

    private static async Task<IResult> CallbackAsync(long id, KooGateDbContext db, CancellationToken cancellationToken) =>
        await db.CallbackLogs.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, cancellationToken) is { } callback
            ? Page<CallbackPage>(CallbackView.From(callback))
            : Results.NotFound();

    private static async Task<IResult> OutboxAsync(KooGateDbContext db, string? status, string? notice, CancellationToken cancellationToken)
    {
        var query = db.Outbox.AsNoTracking();
        var parsed = Enum.TryParse<OutboxStatus>(status, ignoreCase: true, out var s) ? s : (OutboxStatus?)null;
        query = parsed is null ? query : query.Where(m => m.Status == parsed);
        var rows = await query.OrderByDescending(m => m.Sequence).Take(PageSize).ToListAsync(cancellationToken);
        return Page<OutboxPage>(new OutboxModel(rows.Select(OutboxView.From).ToList(), parsed?.ToString(), notice));
    }

    private static async Task<IResult> RedeliverAsync(Guid id, KooGateDbContext db, OutboxDispatcher dispatcher, TimeProvider time, CancellationToken cancellationToken) =>
        await OutboxAdminEndpoints.RequeueAsync(id, db, dispatcher, time, cancellationToken)
            ? Results.Redirect($"{Prefix}/outbox?notice=requeued-{id}")
            : Results.NotFound();

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}

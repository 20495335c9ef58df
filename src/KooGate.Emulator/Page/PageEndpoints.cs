using KooGate.Emulator.Api;
using KooGate.Emulator.Data;
using KooGate.Emulator.Delivery;
using KooGate.Emulator.Orders;
using KooGate.Emulator.Page.Components;
using KooGate.Protocol.Messages;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace KooGate.Emulator.Page;

/// <summary>
/// The emulator's page at <c>/</c>: server-rendered Razor components, no script. Its forms post to <c>/ui/…</c>, which
/// call what the REST API calls and redirect back with a notice (or the refusal). No login: a local dev tool.
/// </summary>
public static class PageEndpoints
{
    internal const string CsrfItem = "KooGate.Emulator.Csrf";

    private const int CallLimit = 200;

    public static IServiceCollection AddEmulatorPage(this IServiceCollection services)
    {
        services.AddRazorComponents();
        services.AddHttpContextAccessor();
        return services;
    }

    public static void MapPage(this IEndpointRouteBuilder app)
    {
        var page = app.MapGroup(string.Empty).AddEndpointFilter(GuardAsync).ExcludeFromDescription();
        page.MapGet("/", PageAsync);
        page.MapListingForms();
        page.MapPost("/ui/buy", (HttpContext context, Scheduler scheduler) => ActAsync(context, async form =>
        {
            var trial = form["trial"] == "on";
            var order = await PlaceAsync(scheduler, new PlaceOrderRequest
            {
                Type = trial ? OrderTypes.Trial : OrderTypes.New,
                CustomerId = form["customerId"],
                ProductId = form["productId"],
                PeriodNumber = trial ? null : Number(form["periods"], "periods"),
                Test = form["test"] == "on",
                PaymentMethod = ListingForms.Payment(form["paymentMethod"]),
            }, context.RequestAborted);
            return $"order {order} placed";
        }));
        page.MapPost("/ui/order", (HttpContext context, Scheduler scheduler) => ActAsync(context, async form =>
        {
            var order = await PlaceAsync(scheduler, new PlaceOrderRequest
            {
                Type = form["type"],
                ResourceId = form["resourceId"],
                ProductId = string.IsNullOrEmpty(form["productId"]) ? null : form["productId"].ToString(),
                PeriodNumber = string.IsNullOrEmpty(form["periods"]) ? null : Number(form["periods"], "periods"),
            }, context.RequestAborted);
            return $"{form["type"]} order {order} placed";
        }));
        page.MapPost("/ui/instances/{id}/{action:regex(^(freeze|unfreeze)$)}", (string id, string action, HttpContext context, Scheduler scheduler, EmulatorDb db) =>
            ActAsync(context, async _ =>
            {
                await ResourceEndpoints.SetFrozenAsync(id, action == "freeze", scheduler, db, context.RequestAborted);
                return $"instance {id}: {action}";
            }));
        page.MapPost("/ui/calls/{id:long}/restart", (long id, HttpContext context, Scheduler scheduler) => ActAsync(context, async _ =>
        {
            await ResourceEndpoints.RestartAsync(id, scheduler, context.RequestAborted);
            return $"call {id} restarted";
        }));
        page.MapPost("/ui/clock/advance", (HttpContext context, Scheduler scheduler) => ActAsync(context, async form =>
        {
            var hours = string.IsNullOrEmpty(form["hours"]) ? 0 : Number(form["hours"], "hours");
            var days = string.IsNullOrEmpty(form["days"]) ? 0 : Number(form["days"], "days");
            var by = ResourceEndpoints.AdvanceBy(new AdvanceRequest(null, hours, days));
            await scheduler.AdvanceAsync(by, context.RequestAborted);
            return $"clock advanced by {by}";
        }));
    }

    /// <summary>Renders a component whose single parameter is <c>Model</c>.</summary>
    internal static RazorComponentResult Render<TComponent>(object model)
        where TComponent : Microsoft.AspNetCore.Components.IComponent =>
        new RazorComponentResult<TComponent>(new Dictionary<string, object?> { ["Model"] = model });

    private static async Task<IResult> PageAsync(EmulatorDb db, Clock.VirtualClock clock, string? notice, string? error, CancellationToken ct)
    {
        var orders = await db.Orders.AsNoTracking().Include(o => o.Lines).ToListAsync(ct);
        var deliveries = await db.Deliveries.AsNoTracking().Include(d => d.Calls)
            .OrderByDescending(d => d.Id).Take(CallLimit).ToListAsync(ct);
        return Render<EmulatorPage>(new PageModel(
            clock.GetUtcNow(),
            clock.Offset,
            await db.Products.AsNoTracking().OrderBy(p => p.ProductId).ToListAsync(ct),
            await db.Buyers.AsNoTracking().OrderBy(b => b.CustomerId).ToListAsync(ct),
            (await db.Resources.AsNoTracking().ToListAsync(ct)).OrderByDescending(r => r.CreatedAt).ToList(),
            [.. orders.OrderByDescending(o => o.CreateTime)],
            deliveries,
            SettlementSummary.Of(orders, await db.UsageRecords.AsNoTracking().ToListAsync(ct)),
            notice,
            error));
    }

    /// <summary>Runs a form's action and redirects back to the page with what happened or why it was refused.</summary>
    internal static async Task<IResult> ActAsync(HttpContext context, Func<IFormCollection, Task<string>> action)
    {
        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        try
        {
            var notice = await action(form);
            return Results.Redirect("/?notice=" + Uri.EscapeDataString(notice));
        }
        catch (ApiException e)
        {
            return Results.Redirect("/?error=" + Uri.EscapeDataString(e.Message));
        }
    }

    private static async Task<string> PlaceAsync(Scheduler scheduler, PlaceOrderRequest request, CancellationToken ct) =>
        await scheduler.ExclusiveAsync(async services => (await services.GetRequiredService<OrderService>().PlaceAsync(request, ct)).OrderId, ct);

    internal static int Number(string? value, string name) =>
        int.TryParse(value, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var number) && number > 0
            ? number
            : throw ApiException.BadRequest($"{name} must be a positive whole number");

    /// <summary>No caching, no framing, no script; every POST is a form checked against its antiforgery token.</summary>
    private static async ValueTask<object?> GuardAsync(EndpointFilterInvocationContext invocation, EndpointFilterDelegate next)
    {
        var context = invocation.HttpContext;
        var headers = context.Response.Headers;
        headers.CacheControl = "no-cache, no-store";
        headers.ContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
        headers.XFrameOptions = "DENY";
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "no-referrer";
        var antiforgery = context.RequestServices.GetRequiredService<IAntiforgery>();
        if (HttpMethods.IsPost(context.Request.Method) && !await antiforgery.IsRequestValidAsync(context))
        {
            return Results.Problem(statusCode: 400, title: "missing or invalid antiforgery token", detail: "reload the page and submit the form again");
        }

        context.Items[CsrfItem] = antiforgery.GetAndStoreTokens(context);
        return await next(invocation);
    }
}

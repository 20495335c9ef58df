using KooGate.Protocol;
using KooGate.Server.Configuration;
using KooGate.Server.Data;
using KooGate.Server.Instances;
using KooGate.Server.Provisioning;
using Microsoft.EntityFrameworkCore;

namespace KooGate.Server.Admin;

/// <summary>
/// Instances: list, inspect, complete or fail asynchronous provisioning (the webhook provisioner's second half), and
/// retry a failed one.
/// Completing twice is harmless: the first app info stays and the call answers 200 with the instance.
/// </summary>
public static class InstanceAdminEndpoints
{
    public static void MapInstanceAdmin(this RouteGroupBuilder api)
    {
        api.MapGet("/instances", ListAsync);
        api.MapGet("/instances/{id}", GetAsync);
        api.MapPost("/instances/{id}/complete", CompleteAsync);
        api.MapPost("/instances/{id}/fail", FailAsync);
        api.MapPost("/instances/{id}/retry", RetryAsync);
    }

    /// <summary>
    /// Newest first, paged (<c>skip</c>, <c>take</c>; the total is in <c>X-Total-Count</c>). <c>q</c> matches part of an
    /// instance or order id; <c>from</c>/<c>to</c> bound the creation time; <c>synthetic=false</c> hides KGCHECK calls.
    /// </summary>
    private static async Task<IResult> ListAsync(
        HttpContext context, KooGateDbContext db, string? state, string? orderId, string? q, string? productId, string? customerId,
        DateTimeOffset? from, DateTimeOffset? to, bool? test, bool? synthetic, int? skip, int? take, CancellationToken cancellationToken)
    {
        InstanceState? parsed = null;
        if (state is not null)
        {
            if (!Enum.TryParse<InstanceState>(state, ignoreCase: true, out var value))
            {
                return Results.Problem(statusCode: 400, title: "unknown state", detail: $"state must be one of {string.Join(", ", Enum.GetNames<InstanceState>())}");
            }

            parsed = value;
        }

        var filter = new InstanceFilter(parsed, q, productId, customerId, from, to, test, synthetic ?? true);
        var query = filter.Apply(db);
        query = orderId is null ? query : query.Where(i => i.OrderId == orderId);
        var page = await Paging.PageAsync(query, skip, AdminApi.Take(take), cancellationToken);
        return Paging.Array(context, page, InstanceView.From);
    }

    private static async Task<IResult> GetAsync(string id, KooGateDbContext db, SecretProtector protector, CancellationToken cancellationToken)
    {
        var instance = await db.Instances.AsNoTracking().FirstOrDefaultAsync(i => i.InstanceId == id, cancellationToken);
        if (instance is null)
        {
            return NotFound(id);
        }

        var events = await db.InstanceEvents.AsNoTracking().Where(e => e.InstanceId == id).OrderBy(e => e.Id).ToListAsync(cancellationToken);
        var orders = await db.Orders.AsNoTracking().Where(o => o.InstanceId == id).ToListAsync(cancellationToken);
        var purchase = await db.Set<InstancePurchase>().AsNoTracking().FirstOrDefaultAsync(p => p.InstanceId == id, cancellationToken);
        return Results.Ok(new InstanceDetailsView(InstanceView.From(instance), events.Select(InstanceEventView.From).ToList(), orders.Select(OrderView.From).ToList())
        {
            Purchase = purchase is null ? null : PurchaseView.From(purchase, protector),
        });
    }

    internal static async Task<IResult> CompleteAsync(string id, CompleteProvisioningRequest body, InstanceCreation creation, TimeProvider time, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        if (!Uri.TryCreate(body.FrontEndUrl, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttps && url.Scheme != Uri.UriSchemeHttp))
        {
            errors["frontEndUrl"] = ["required: an absolute http(s) URL"];
        }

        CheckLength(errors, "frontEndUrl", body.FrontEndUrl, 512);
        CheckLength(errors, "adminUrl", body.AdminUrl, 512);
        CheckLength(errors, "userName", body.UserName, 128);
        CheckLength(errors, "password", body.Password, 128);
        CheckLength(errors, "memo", body.Memo, 1024);
        if (errors.Count > 0)
        {
            return Results.ValidationProblem(errors);
        }

        var outcome = ProvisionOutcome.Done(new AppInfo(body.FrontEndUrl!, body.AdminUrl, body.UserName, body.Password, body.Memo));
        return await ApplyAsync(id, outcome, InstanceState.Active, creation, time, cancellationToken);
    }

    internal static async Task<IResult> FailAsync(string id, FailProvisioningRequest body, InstanceCreation creation, TimeProvider time, CancellationToken cancellationToken)
    {
        var code = body.Code ?? ResultCode.InternalError.Code;
        if (!ResultCode.IsWellFormed(code) || code == ResultCode.Success.Code || code == ResultCode.Processing.Code)
        {
            return Results.ValidationProblem(new Dictionary<string, string[]> { ["code"] = ["a six-digit failure result code (not 000000 or 000004)"] });
        }

        var errors = new Dictionary<string, string[]>();
        CheckLength(errors, "message", body.Message, 1024);
        if (errors.Count > 0)
        {
            return Results.ValidationProblem(errors);
        }

        var outcome = ProvisionOutcome.Failed(code, body.Message ?? ResultCode.FromCode(code).Message);
        return await ApplyAsync(id, outcome, InstanceState.Failed, creation, time, cancellationToken);
    }

    /// <summary>
    /// Runs the provisioner again for a failed instance: 200 with the instance once it finished within the synchronous
    /// budget (active, or failed again), 202 while it is still provisioning, 409 when it is not failed.
    /// </summary>
    private static async Task<IResult> RetryAsync(string id, ProvisioningRunner runner, CancellationToken cancellationToken)
    {
        var (instance, reopened) = await runner.RetryAsync(id, "retried from the admin API", cancellationToken);
        if (instance is null)
        {
            return NotFound(id);
        }

        if (!reopened)
        {
            return Results.Problem(statusCode: 409, title: "instance is not failed", detail: $"instance {id} is {instance.State}; only a failed provisioning can be retried");
        }

        var view = InstanceView.From(instance);
        return instance.State == InstanceState.Provisioning ? Results.Accepted($"{AdminApi.Prefix}/instances/{id}", view) : Results.Ok(view);
    }

    private static async Task<IResult> ApplyAsync(string id, ProvisionOutcome outcome, InstanceState target, InstanceCreation creation, TimeProvider time, CancellationToken cancellationToken)
    {
        var instance = await creation.CompleteProvisioningAsync(id, outcome, time.GetUtcNow(), cancellationToken);
        if (instance is null)
        {
            return NotFound(id);
        }

        return instance.State == target
            ? Results.Ok(InstanceView.From(instance))
            : Results.Problem(statusCode: 409, title: "instance is not provisioning", detail: $"instance {id} is {instance.State}");
    }

    private static void CheckLength(Dictionary<string, string[]> errors, string name, string? value, int max)
    {
        if (value is { Length: var length } && length > max)
        {
            errors[name] = [$"at most {max} characters"];
        }
    }

    private static IResult NotFound(string id) => Results.Problem(statusCode: 404, title: "unknown instance", detail: $"no instance {id}");
}

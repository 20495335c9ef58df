using KooGate.Server.Admin;
using KooGate.Server.Data;
using KooGate.Server.Instances;
using KooGate.Server.Provisioning;

namespace KooGate.Server.Dashboard;

/// <summary>The instance buttons: complete or fail a provisioning instance, with the same checks as the admin API.</summary>
internal static class DashboardActions
{
    public static void MapDashboardActions(this RouteGroupBuilder pages)
    {
        pages.MapPost("/instances/{id}/complete", CompleteAsync);
        pages.MapPost("/instances/{id}/fail", FailAsync);
    }

    private static async Task<IResult> CompleteAsync(string id, HttpContext context, InstanceCreation creation, TimeProvider time, CancellationToken cancellationToken)
    {
        var form = await context.Request.ReadFormAsync(cancellationToken);
        var request = new CompleteProvisioningRequest(
            DashboardEndpoints.Blank(form["frontEndUrl"]), DashboardEndpoints.Blank(form["adminUrl"]), DashboardEndpoints.Blank(form["userName"]),
            DashboardEndpoints.Blank(form["password"]), DashboardEndpoints.Blank(form["memo"]));
        return Back(id, await InstanceAdminEndpoints.CompleteAsync(id, request, creation, time, cancellationToken));
    }

    private static async Task<IResult> FailAsync(string id, HttpContext context, InstanceCreation creation, TimeProvider time, CancellationToken cancellationToken)
    {
        var form = await context.Request.ReadFormAsync(cancellationToken);
        var request = new FailProvisioningRequest(DashboardEndpoints.Blank(form["code"]), DashboardEndpoints.Blank(form["message"]));
        return Back(id, await InstanceAdminEndpoints.FailAsync(id, request, creation, time, cancellationToken));
    }

    /// <summary>Back to the instance page with what happened: "completed", "failed", or the refusal's reason.</summary>
    private static IResult Back(string id, IResult outcome)
    {
        var notice = outcome switch
        {
            Microsoft.AspNetCore.Http.HttpResults.Ok<InstanceView> ok => ok.Value!.State == nameof(InstanceState.Active) ? "completed" : "failed",
            Microsoft.AspNetCore.Http.HttpResults.ValidationProblem v => "refused: " + string.Join("; ", v.ProblemDetails.Errors.Select(e => $"{e.Key} {string.Join(", ", e.Value)}")),
            Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult p => $"refused: {p.ProblemDetails.Title} ({p.ProblemDetails.Detail})",
            _ => "refused",
        };
        return Results.Redirect($"/dashboard/instances/{Uri.EscapeDataString(id)}?notice={Uri.EscapeDataString(notice)}");
    }
}

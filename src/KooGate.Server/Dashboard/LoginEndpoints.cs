using KooGate.Server.Admin;
using KooGate.Server.Dashboard.Components;
using Microsoft.AspNetCore.Authentication;

namespace KooGate.Server.Dashboard;

/// <summary>People log in with a configured name and password; the session is a cookie (<see cref="AdminAuthentication"/>).</summary>
internal static class LoginEndpoints
{
    public static void MapLogin(this RouteGroupBuilder dashboard)
    {
        dashboard.MapGet("/login", (string? returnUrl, string? failed) =>
            DashboardEndpoints.Page<LoginPage>(new LoginModel(SafeReturnUrl(returnUrl), failed is not null))).AllowAnonymous();
        dashboard.MapPost("/login", LoginAsync).AllowAnonymous().RequireRateLimiting(LoginRateLimit.Policy);
        dashboard.MapPost("/logout", async (HttpContext context) =>
        {
            await context.SignOutAsync(AdminAuthentication.CookieSchemeName);
            return Results.Redirect(AdminAuthentication.LoginPath);
        }).AllowAnonymous();
    }

    private static async Task<IResult> LoginAsync(HttpContext context, AdminUsers users, ILogger<AdminUsers> logger)
    {
        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        var name = form["name"].ToString();
        var returnUrl = SafeReturnUrl(form["returnUrl"]);
        var principal = users.Verify(name, form["password"]);
        if (principal is null)
        {
            logger.LogWarning("Dashboard login failed for {Name} from {Address}", name, context.Connection.RemoteIpAddress);
            return Results.Redirect($"{AdminAuthentication.LoginPath}?failed=1&returnUrl={Uri.EscapeDataString(returnUrl)}");
        }

        await context.SignInAsync(AdminAuthentication.CookieSchemeName, principal);
        logger.LogInformation("Dashboard login for {Name}", name);
        return Results.Redirect(returnUrl);
    }

    /// <summary>Only paths inside the dashboard: never another site (open redirect).</summary>
    internal static string SafeReturnUrl(string? returnUrl) =>
        returnUrl is { Length: > 0 } url && url.StartsWith(DashboardEndpoints.Prefix, StringComparison.Ordinal)
            && !url.Contains("//", StringComparison.Ordinal) && !url.Contains('\\', StringComparison.Ordinal)
            ? url
            : DashboardEndpoints.Prefix;
}

public sealed record LoginModel(string ReturnUrl, bool Failed);

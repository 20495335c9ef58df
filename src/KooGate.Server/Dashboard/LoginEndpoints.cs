using KooGate.Server.Admin;
using KooGate.Server.Dashboard.Components;
using Microsoft.AspNetCore.Authentication;

namespace KooGate.Server.Dashboard;

/// <summary>People log in with a configured name and password; the session is a cookie (<see cref="AdminAuthentication"/>).</summary>
internal static class LoginEndpoints
{
    private const int MaxReturnUrlLength = 2048;

    public static void MapLogin(this RouteGroupBuilder dashboard)
    {
        dashboard.MapGet("/login", (string? returnUrl, string? failed) =>
            DashboardEndpoints.Page<LoginPage>(new LoginModel(SafeReturnUrl(returnUrl), failed is not null))).AllowAnonymous();
        dashboard.MapPost("/login", LoginAsync).AllowAnonymous().RequireRateLimiting(LoginRateLimit.Policy);
        dashboard.MapPost("/logout", LogoutAsync).AllowAnonymous();
    }

    private static async Task<IResult> LoginAsync(
        HttpContext context, AdminUsers users, AdminSessions sessions, FailedSignIns failures, ILogger<AdminUsers> logger)
    {
        if (failures.RetryAfter(context) is { } retryAfter)
        {
            logger.LogWarning("Dashboard login refused: too many failed attempts from {Address}", context.Connection.RemoteIpAddress);
            await FailedSignIns.RefuseAsync(context, retryAfter, "logins");
            return Results.Empty;
        }

        // The dashboard guard has already read and checked the form (DashboardEndpoints.GuardAsync).
        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        var name = form["name"].ToString();
        var returnUrl = SafeReturnUrl(form["returnUrl"]);
        var principal = users.Verify(name, form["password"]);
        if (principal is null)
        {
            failures.RecordFailure(context);
            logger.LogWarning("Dashboard login failed for {Name} from {Address}", name, context.Connection.RemoteIpAddress);
            return Results.Redirect($"{AdminAuthentication.LoginPath}?failed=1&returnUrl={Uri.EscapeDataString(returnUrl)}");
        }

        await context.SignInAsync(AdminAuthentication.CookieSchemeName, await sessions.StartAsync(principal, context.RequestAborted));
        logger.LogInformation("Dashboard login for {Name} from {Address}", name, context.Connection.RemoteIpAddress);
        return Results.Redirect(returnUrl);
    }

    /// <summary>Ends the session on the server too: a copy of the cookie opens nothing afterwards.</summary>
    private static async Task<IResult> LogoutAsync(HttpContext context, AdminSessions sessions)
    {
        var session = await context.AuthenticateAsync(AdminAuthentication.CookieSchemeName);
        await sessions.EndAsync(session.Principal, context.RequestAborted);
        await context.SignOutAsync(AdminAuthentication.CookieSchemeName);
        return Results.Redirect(AdminAuthentication.LoginPath);
    }

    /// <summary>
    /// Only paths inside the dashboard, in printable ASCII: never another site (open redirect), never a header
    /// injection (CR/LF) or a value Kestrel refuses to send (non-ASCII). Anything else returns to the overview.
    /// </summary>
    internal static string SafeReturnUrl(string? returnUrl) =>
        returnUrl is { Length: > 0 and <= MaxReturnUrlLength } url
        && url.StartsWith(DashboardEndpoints.Prefix, StringComparison.Ordinal)
        && (url.Length == DashboardEndpoints.Prefix.Length || url[DashboardEndpoints.Prefix.Length] is '/' or '?' or '#')
        && url.All(c => c is > ' ' and < '\u007f')
        && !url.Contains("//", StringComparison.Ordinal) && !url.Contains('\\', StringComparison.Ordinal)
            ? url
            : DashboardEndpoints.Prefix;
}

public sealed record LoginModel(string ReturnUrl, bool Failed);

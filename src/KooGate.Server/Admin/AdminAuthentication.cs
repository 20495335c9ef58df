using KooGate.Server.Configuration;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.Extensions.Options;

namespace KooGate.Server.Admin;

/// <summary>
/// Who may use the dashboard and the admin API. Machines send <c>X-Api-Key</c>; people log in on the dashboard and
/// carry a session cookie (HttpOnly, SameSite=Strict, Secure over HTTPS). The cookie opens the admin API, the
/// OpenAPI document and Scalar for reading only (GET/HEAD): changes through the API need the API key, and changes
/// through the dashboard go through its antiforgery-protected forms.
/// </summary>
public static class AdminAuthentication
{
    /// <summary>The default scheme: forwards to the API key or the cookie scheme.</summary>
    public const string SchemeName = "KooGate";

    public const string CookieSchemeName = "KooGateSession";

    public const string LoginPath = "/dashboard/login";

    public static IServiceCollection AddKooGateAuthentication(this IServiceCollection services)
    {
        services.AddAuthentication(SchemeName)
            .AddPolicyScheme(SchemeName, "API key or dashboard session", o => o.ForwardDefaultSelector = SelectScheme)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthentication>(ApiKeyAuthentication.SchemeName, null)
            .AddCookie(CookieSchemeName, ConfigureCookie);
        services.AddScoped<AdminSessions>();
        services.AddSingleton<FailedSignIns>();
        services.AddOptions<CookieAuthenticationOptions>(CookieSchemeName).Configure<IOptions<KooGateOptions>>((cookie, options) =>
            cookie.ExpireTimeSpan = TimeSpan.FromMinutes(Math.Max(1, options.Value.Admin.SessionMinutes)));
        services.AddAntiforgery(o =>
        {
            o.Cookie.Name = "KooGate.Antiforgery";
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.FormFieldName = "__csrf";
        });

        // Session and antiforgery cookies must survive restarts and be readable by every replica: keys live in the
        // data directory (share it, or use sticky sessions, when scaling out; docs/deploying.md).
        services.AddDataProtection().SetApplicationName("KooGate");
        services.AddOptions<KeyManagementOptions>().Configure<IOptions<KooGateOptions>, ILoggerFactory>((keys, options, logging) =>
            keys.XmlRepository = new FileSystemXmlRepository(
                Directory.CreateDirectory(Path.Combine(options.Value.DataDirectory, "dataprotection-keys")), logging));
        return services;
    }

    private static string SelectScheme(HttpContext context)
    {
        if (context.Request.Headers.ContainsKey(ApiKeyAuthentication.HeaderName))
        {
            return ApiKeyAuthentication.SchemeName;
        }

        var readOnly = HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method);
        return readOnly || IsDashboard(context.Request.Path) ? CookieSchemeName : ApiKeyAuthentication.SchemeName;
    }

    private static bool IsDashboard(PathString path) => path.StartsWithSegments("/dashboard", StringComparison.OrdinalIgnoreCase);

    private static void ConfigureCookie(CookieAuthenticationOptions o)
    {
        o.Cookie.Name = "KooGate.Session";
        o.Cookie.HttpOnly = true;
        o.Cookie.SameSite = SameSiteMode.Strict;
        o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        o.LoginPath = LoginPath;
        o.LogoutPath = "/dashboard/logout";
        o.AccessDeniedPath = LoginPath;
        o.SlidingExpiration = true;
        o.ReturnUrlParameter = "returnUrl";

        // Outside the dashboard (API, OpenAPI, Scalar) a missing session is a plain 401/403, never a redirect.
        o.Events.OnRedirectToLogin = context => Refuse(context, StatusCodes.Status401Unauthorized);
        o.Events.OnRedirectToAccessDenied = context => Refuse(context, StatusCodes.Status403Forbidden);

        // A person removed from configuration, or a session ended by logout, loses access at the next request.
        o.Events.OnValidatePrincipal = AdminSessions.ValidateAsync;
    }

    private static Task Refuse(RedirectContext<CookieAuthenticationOptions> context, int status)
    {
        if (IsDashboard(context.Request.Path))
        {
            // Relative: the Host header (client-controlled) never ends up in a redirect.
            var target = Uri.TryCreate(context.RedirectUri, UriKind.Absolute, out var absolute) ? absolute.PathAndQuery : context.RedirectUri;
            context.Response.Redirect(target);
        }
        else
        {
            context.Response.StatusCode = status;
        }

        return Task.CompletedTask;
    }
}

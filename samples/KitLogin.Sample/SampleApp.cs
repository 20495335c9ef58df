using System.Net;
using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.WebUtilities;

namespace KitLogin.Sample;

/// <summary>
/// A seller's multi-tenant app behind KooGate's Kit login (docs/kit-login.md). KooGate posts a signed identity (an
/// ES256 JWT) to <c>/signin-koogate</c>; the standard JWT bearer handler verifies it against KooGate's JWKS (found
/// through <c>{KooGate:Url}/.well-known/openid-configuration</c>), and the app keeps its own cookie session.
/// Pages under <c>/t/{tenantId}</c> belong to one enterprise: a user of another one is turned away.
/// </summary>
public static class SampleApp
{
    private const string KooGateScheme = "KooGate";
    private const string NonceCookie = "sample.kitlogin.nonce";

    public static WebApplication Build(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        var kooGate = (builder.Configuration["KooGate:Url"] ?? throw new InvalidOperationException("KooGate:Url is not configured")).TrimEnd('/');
        var appId = builder.Configuration["KooGate:AppId"] ?? throw new InvalidOperationException("KooGate:AppId is not configured");

        builder.Services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme)
            .AddCookie(o =>
            {
                o.Cookie.Name = "sample.session";
                o.Events.OnRedirectToLogin = context =>
                {
                    context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                    return Task.CompletedTask;
                };
            })
            .AddJwtBearer(KooGateScheme, o =>
            {
                o.Authority = kooGate;
                o.Audience = appId;
                o.RequireHttpsMetadata = kooGate.StartsWith("https://", StringComparison.Ordinal);
                o.MapInboundClaims = false;
                o.TokenValidationParameters.NameClaimType = "name";
                o.TokenValidationParameters.RoleClaimType = "role";
                o.TokenValidationParameters.ValidAlgorithms = ["ES256"];
                o.TokenValidationParameters.ClockSkew = TimeSpan.FromSeconds(30);
                // KooGate posts the identity as a form field instead of an Authorization header.
                o.Events = new JwtBearerEvents
                {
                    OnMessageReceived = async context =>
                    {
                        if (context.Request.HasFormContentType)
                        {
                            context.Token = (await context.Request.ReadFormAsync(context.HttpContext.RequestAborted))["id_token"];
                        }
                    },
                };
            });

        var app = builder.Build();
        app.MapGet("/", () => Page("KitLogin sample", "<p>Open <code>/t/{tenantId}</code> to sign in to your enterprise's space.</p>"));

        app.MapGet("/login", (HttpContext context, string tenant, string? return_path, string? via) =>
        {
            // The nonce comes back inside the signed identity: an identity started by someone else is refused.
            var nonce = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
            context.Response.Cookies.Append(NonceCookie, nonce, new CookieOptions
            {
                HttpOnly = true,
                Secure = context.Request.IsHttps,
                // KooGate posts back from its own site: over HTTPS that needs SameSite=None.
                SameSite = context.Request.IsHttps ? SameSiteMode.None : SameSiteMode.Lax,
                MaxAge = TimeSpan.FromMinutes(10),
            });
            // The enterprise workbench may use CAS instead of OAuth; KooGate hands off the same identity either way.
            var start = via == "cas" ? "/kit-login/cas/login" : "/kit-login/login";
            return Results.Redirect(QueryHelpers.AddQueryString(kooGate + start, new Dictionary<string, string?>
            {
                ["tenant"] = tenant,
                ["app"] = appId,
                ["nonce"] = nonce,
                ["return_path"] = IsLocal(return_path) ? return_path : $"/t/{Uri.EscapeDataString(tenant)}",
            }));
        });

        app.MapPost("/signin-koogate", async (HttpContext context) =>
        {
            var result = await context.AuthenticateAsync(KooGateScheme);
            var nonce = context.Request.Cookies[NonceCookie];
            if (!result.Succeeded || nonce is null || result.Principal!.FindFirstValue("nonce") != nonce)
            {
                return Page("Sign-in failed", "<p id=\"error\">The identity from KooGate could not be verified.</p>", StatusCodes.Status401Unauthorized);
            }

            context.Response.Cookies.Delete(NonceCookie);
            var principal = result.Principal!;
            await context.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme,
                new ClaimsPrincipal(new ClaimsIdentity(principal.Claims, CookieAuthenticationDefaults.AuthenticationScheme, "name", "role")));
            var returnPath = context.Request.Form["return_path"].ToString();
            return Results.Redirect(IsLocal(returnPath) ? returnPath : $"/t/{Uri.EscapeDataString(principal.FindFirstValue("tenant")!)}");
        }).DisableAntiforgery();

        app.MapGet("/t/{tenantId}", (HttpContext context, string tenantId) =>
        {
            var user = context.User;
            if (user.Identity?.IsAuthenticated != true)
            {
                return Results.Redirect($"/login?tenant={Uri.EscapeDataString(tenantId)}");
            }

            if (user.FindFirstValue("tenant") != tenantId)
            {
                return Page("Not your enterprise", "<p id=\"error\">Your account belongs to another enterprise.</p>", StatusCodes.Status403Forbidden);
            }

            return Page($"{user.FindFirstValue("tenant_name")}", $"""
                <dl>
                <dt>Tenant</dt><dd id="tenant">{Encode(tenantId)}</dd>
                <dt>Enterprise</dt><dd id="tenant-name">{Encode(user.FindFirstValue("tenant_name"))}</dd>
                <dt>User</dt><dd id="user">{Encode(user.FindFirstValue("user_name"))}</dd>
                <dt>Name</dt><dd id="name">{Encode(user.Identity.Name)}</dd>
                <dt>Role</dt><dd id="role">{Encode(user.FindFirstValue("role"))}</dd>
                <dt>Department</dt><dd id="org">{Encode(user.FindFirstValue("org_name"))}</dd>
                </dl>
                <p>{(user.IsInRole("admin") ? "<span id=\"admin\">You administer this enterprise's space.</span>" : string.Empty)}</p>
                <p><a id="logout" href="/logout">Sign out</a></p>
                """);
        });

        app.MapGet("/logout", async (HttpContext context) =>
        {
            var tenant = context.User.FindFirstValue("tenant");
            await context.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            return tenant is null
                ? Results.Redirect("/signed-out")
                : Results.Redirect(QueryHelpers.AddQueryString(kooGate + "/kit-login/logout", new Dictionary<string, string?> { ["tenant"] = tenant, ["app"] = appId }));
        });

        app.MapGet("/signed-out", () => Page("Signed out", "<p id=\"signed-out\">You are signed out.</p>"));
        return app;
    }

    private static bool IsLocal(string? path) =>
        path is { Length: > 0 } && path[0] == '/' && !path.StartsWith("//", StringComparison.Ordinal) && !path.StartsWith("/\\", StringComparison.Ordinal);

    private static string Encode(string? value) => WebUtility.HtmlEncode(value ?? string.Empty);

    private static IResult Page(string title, string body, int status = StatusCodes.Status200OK) => Results.Content(
        $"<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>{Encode(title)}</title></head><body><h1>{Encode(title)}</h1>{body}</body></html>",
        "text/html; charset=utf-8", statusCode: status);
}

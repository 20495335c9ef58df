using System.Net;
using System.Security.Cryptography;
using System.Text;
using KooGate.Emulator.Data;
using Microsoft.EntityFrameworkCore;

namespace KooGate.Emulator.Identity;

/// <summary>
/// The identity centre behind a tenant's <c>domainName</c> (<c>{base}/idp/{tenantCode}</c>), minimal but correct
/// OAuth 2.0 code flow (saas-v1-and-joint.md §7.2–7.6): authorize (a user picker stands in for the login page), token
/// (authorization_code and refresh_token), userinfo and logout.
/// </summary>
public static class IdentityEndpoints
{
    public static void MapIdentity(this IEndpointRouteBuilder app)
    {
        var idp = app.MapGroup("/idp/{tenantCode}/api/v1");
        idp.MapGet("/oauth2/authorize", AuthorizeAsync);
        idp.MapPost("/oauth2/token", TokenAsync).DisableAntiforgery();
        idp.MapGet("/oauth2/userinfo", UserInfoAsync);
        idp.MapGet("/logout", LogoutAsync);
    }

    /// <summary>Back to <c>redirect_url</c> only when it is registered for the tenant's product; otherwise a signed-out page.</summary>
    private static async Task<IResult> LogoutAsync(string tenantCode, string? redirect_url, EmulatorDb db, CancellationToken ct)
    {
        var tenant = await db.Tenants.AsNoTracking().SingleOrDefaultAsync(t => t.TenantCode == tenantCode, ct);
        if (string.IsNullOrEmpty(redirect_url))
        {
            return Results.Content("<!doctype html><title>Signed out</title><p>Signed out.</p>", "text/html; charset=utf-8");
        }

        var registered = tenant is null ? new RegisteredAddresses(string.Empty, []) : await RegisteredAddresses.ForTenantAsync(db, tenant, ct);
        return registered.Allows(redirect_url) ? Results.Redirect(redirect_url) : registered.Refuse("redirect_url", redirect_url);
    }

    private static async Task<IResult> AuthorizeAsync(
        string tenantCode, HttpRequest request, EmulatorDb db, IdentityTokens tokens, CancellationToken ct)
    {
        var query = request.Query;
        var tenant = await db.Tenants.AsNoTracking().SingleOrDefaultAsync(t => t.TenantCode == tenantCode, ct);
        var client = await db.KitApps.AsNoTracking().SingleOrDefaultAsync(a => a.ClientId == query["client_id"].ToString(), ct);
        if (tenant is null || client is null || client.TenantId != tenant.TenantId)
        {
            return OAuthError(400, "invalid_client", "unknown client_id for this tenant");
        }

        // An unregistered redirect_uri is never redirected to, not even with an error (RFC 6749 §4.1.2.1).
        var registered = await RegisteredAddresses.ForTenantAsync(db, tenant, ct);
        var redirectUri = query["redirect_uri"].ToString();
        if (!registered.Allows(redirectUri) || !Uri.TryCreate(redirectUri, UriKind.Absolute, out var redirect))
        {
            return registered.Refuse("redirect_uri", redirectUri);
        }

        if (query["response_type"] != "code")
        {
            return OAuthError(400, "unsupported_response_type", "response_type must be code");
        }

        // Every member of the enterprise directory signs in here, disabled or revoked ones included: which of them may
        // use the app is what authSync tells the seller, and the seller enforces it.
        var users = await db.KitUsers.AsNoTracking().Where(u => u.TenantId == tenant.TenantId).OrderBy(u => u.UserName).ToListAsync(ct);
        var userName = query["user"].ToString();
        if (userName.Length == 0)
        {
            return LoginPage(request, users);
        }

        if (users.All(u => u.UserName != userName))
        {
            return OAuthError(400, "access_denied", "the user is not a member of this enterprise");
        }

        var code = tokens.IssueCode(tenant.TenantId, client.ClientId, userName, redirectUri);
        var parameters = new List<KeyValuePair<string, string?>> { new("code", code), new("tenant", tenant.TenantId) };
        if (query["state"].ToString() is { Length: > 0 } state)
        {
            parameters.Add(new("state", state));
        }

        var separator = redirect.Query.Length > 0 ? "&" : "?";
        return Results.Redirect(redirectUri + separator + Protocol.Signing.QueryString.Build(parameters));
    }

    private static async Task<IResult> TokenAsync(string tenantCode, HttpRequest request, EmulatorDb db, IdentityTokens tokens, CancellationToken ct)
    {
        if (!request.HasFormContentType)
        {
            return OAuthError(400, "invalid_request", "use application/x-www-form-urlencoded");
        }

        var form = await request.ReadFormAsync(ct);
        var tenant = await db.Tenants.AsNoTracking().SingleOrDefaultAsync(t => t.TenantCode == tenantCode, ct);
        var client = await db.KitApps.AsNoTracking().SingleOrDefaultAsync(a => a.ClientId == form["client_id"].ToString(), ct);
        if (tenant is null || client is null || client.TenantId != tenant.TenantId || !SecretEquals(form["client_secret"], client.ClientSecret))
        {
            // The docs' FAQ: a wrong DomainName, ClientId or (undecrypted) ClientSecret gets 403 from the token endpoint.
            return OAuthError(403, "invalid_client", "client authentication failed");
        }

        Grant? grant;
        switch (form["grant_type"].ToString())
        {
            case "authorization_code":
                grant = tokens.RedeemCode(form["code"].ToString(), client.ClientId);
                if (grant is null || (form["redirect_uri"].ToString() is { Length: > 0 } uri && uri != grant.RedirectUri))
                {
                    return OAuthError(400, "invalid_grant", "Invalid authorization code");
                }

                break;
            case "refresh_token":
                grant = tokens.RedeemRefresh(form["refresh_token"].ToString(), client.ClientId);
                if (grant is null)
                {
                    return OAuthError(400, "invalid_grant", "Invalid refresh token");
                }

                break;
            default:
                return OAuthError(400, "unsupported_grant_type", "grant_type must be authorization_code or refresh_token");
        }

        var (access, refresh) = tokens.IssueTokens(grant);
        return Results.Json(new Dictionary<string, object>
        {
            ["access_token"] = access,
            ["token_type"] = "Bearer",
            ["expires_in"] = (long)IdentityTokens.AccessLifetime.TotalSeconds,
            ["scope"] = "get_user_info",
            ["refresh_token"] = refresh,
        });
    }

    private static async Task<IResult> UserInfoAsync(string tenantCode, HttpRequest request, EmulatorDb db, IdentityTokens tokens, CancellationToken ct)
    {
        var header = request.Headers.Authorization.ToString();
        var grant = header.StartsWith("Bearer ", StringComparison.Ordinal) ? tokens.Access(header[7..].Trim()) : null;
        var tenant = await db.Tenants.AsNoTracking().SingleOrDefaultAsync(t => t.TenantCode == tenantCode, ct);
        var user = grant is null || tenant is null || grant.TenantId != tenant.TenantId
            ? null
            : await db.KitUsers.AsNoTracking().SingleOrDefaultAsync(u => u.TenantId == tenant.TenantId && u.UserName == grant.UserName, ct);
        if (user is null)
        {
            return OAuthError(401, "unauthorized", "Full authentication is required to access this resource");
        }

        var org = await db.Departments.AsNoTracking().SingleOrDefaultAsync(d => d.TenantId == tenant!.TenantId && d.OrgCode == user.OrgCode, ct);
        return Results.Json(new Dictionary<string, object?>
        {
            ["id"] = user.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["userId"] = user.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["userName"] = user.UserName,
            ["name"] = user.Name,
            ["email"] = user.Email,
            ["mobile"] = user.Mobile,
            ["role"] = user.Role,
            ["organizationCode"] = user.OrgCode,
            ["organizationName"] = org?.OrgName,
            ["projectName"] = tenant!.Name,
            ["tenant"] = tenant.TenantId,
        });
    }

    internal static IResult LoginPage(HttpRequest request, IReadOnlyList<KitUserEntity> users)
    {
        var html = new StringBuilder("<!doctype html><title>KooGate emulator login</title><h1>Sign in as</h1><ul>");
        foreach (var user in users)
        {
            var link = $"{request.Path}{request.QueryString}&user={Uri.EscapeDataString(user.UserName)}";
            var notes = (user.Enabled ? string.Empty : ", disabled") + (user.Authorized ? string.Empty : ", not authorised for the app");
            html.Append($"<li><a href=\"{WebUtility.HtmlEncode(link)}\">{WebUtility.HtmlEncode(user.Name)} ({WebUtility.HtmlEncode(user.UserName)}, {user.Role}{notes})</a></li>");
        }

        html.Append(users.Count == 0 ? "<li>The enterprise has no users yet (authSync).</li></ul>" : "</ul>");
        return Results.Content(html.ToString(), "text/html; charset=utf-8");
    }

    private static bool SecretEquals(string? received, string expected) =>
        received is not null && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(received), Encoding.UTF8.GetBytes(expected));

    private static IResult OAuthError(int status, string error, string description) =>
        Results.Json(new Dictionary<string, string> { ["error"] = error, ["error_description"] = description }, statusCode: status);
}

using System.Net.Http.Headers;
using System.Security.Claims;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OAuth;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;

namespace KooGate.Server.KitLogin;

/// <summary>
/// ASP.NET Core's OAuth 2.0 code flow against a tenant's identity centre (saas-v1-and-joint.md §7.2–7.6). The flow
/// itself (state, correlation cookie, callback) is the framework's; this class only picks the tenant's endpoints and
/// client per sign-in, reads the user and maps them to what authSync delivered. The challenge's properties carry
/// the tenant and app (<see cref="TenantItem"/>, <see cref="AppItem"/>); the client secret is read from the
/// database at exchange time and is never part of the state.
/// </summary>
public sealed class KooGalleryOAuthHandler(IOptionsMonitor<OAuthOptions> options, ILoggerFactory logger, UrlEncoder encoder)
    : OAuthHandler<OAuthOptions>(options, logger, encoder)
{
    public const string SchemeName = "KooGate.KitLogin";
    public const string TenantItem = "kit.tenant";
    public const string AppItem = "kit.app";
    public const string AuthorizeItem = "kit.authorize";
    public const string ClientIdItem = "kit.client_id";
    public const string ReturnPathItem = "kit.return_path";
    public const string NonceItem = "kit.nonce";

    /// <summary>The signed identity of a completed sign-in, for the hand-off page.</summary>
    public const string IdentityItem = "kit.identity";

    protected override string BuildChallengeUrl(AuthenticationProperties properties, string redirectUri)
    {
        var parameters = new Dictionary<string, string?>
        {
            ["response_type"] = "code",
            ["client_id"] = properties.Items[ClientIdItem],
            ["redirect_uri"] = redirectUri,
            ["scope"] = "get_user_info",
            ["state"] = Options.StateDataFormat.Protect(properties),
        };
        return QueryHelpers.AddQueryString(properties.Items[AuthorizeItem]!, parameters);
    }

    protected override async Task<OAuthTokenResponse> ExchangeCodeAsync(OAuthCodeExchangeContext context)
    {
        var client = await ClientAsync(context.Properties);

        // The identity centre names the tenant on the callback (§7.1, §7.6); it must be the one this sign-in began for.
        if (Request.Query["tenant"].ToString() is { Length: > 0 } tenant && !string.Equals(tenant, client.TenantId, StringComparison.Ordinal))
        {
            throw new KitLoginRefusedException("The sign-in came back for another enterprise than the one it started for.");
        }

        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["client_id"] = client.ClientId,
            ["client_secret"] = client.ClientSecret,
            ["code"] = context.Code,
            ["grant_type"] = "authorization_code",
            ["redirect_uri"] = context.RedirectUri,
        });
        using var request = new HttpRequestMessage(HttpMethod.Post, client.Endpoint("oauth2/token")) { Content = form };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        using var response = await Backchannel.SendAsync(request, Context.RequestAborted);
        var body = await response.Content.ReadAsStringAsync(Context.RequestAborted);
        if (!response.IsSuccessStatusCode)
        {
            Logger.LogWarning("Kit login: the token endpoint of tenant {Tenant} answered HTTP {Status}", client.TenantId, (int)response.StatusCode);
            return OAuthTokenResponse.Failed(new KitLoginRefusedException(
                $"The enterprise's identity centre did not accept the sign-in (HTTP {(int)response.StatusCode}). Try again."));
        }

        return OAuthTokenResponse.Success(JsonDocument.Parse(body));
    }

    protected override async Task<AuthenticationTicket> CreateTicketAsync(ClaimsIdentity identity, AuthenticationProperties properties, OAuthTokenResponse tokens)
    {
        var client = await ClientAsync(properties);
        using var request = new HttpRequestMessage(HttpMethod.Get, client.Endpoint("oauth2/userinfo"));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", tokens.AccessToken);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        using var response = await Backchannel.SendAsync(request, Context.RequestAborted);
        if (!response.IsSuccessStatusCode)
        {
            throw new KitLoginRefusedException($"The enterprise's identity centre did not return the user (HTTP {(int)response.StatusCode}).");
        }

        using var userInfo = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Context.RequestAborted));
        var root = userInfo.RootElement;
        var userName = Text(root, "userName") ?? Text(root, "loginName")
            ?? throw new KitLoginRefusedException("The identity centre returned no user name.");

        var directory = Context.RequestServices.GetRequiredService<KitLoginDirectory>();
        var member = await directory.AuthoriseAsync(client, userName, Text(root, "tenant"), Context.RequestAborted);
        identity.AddClaim(new Claim(KitClaims.Tenant, client.TenantId));
        identity.AddClaim(new Claim(KitClaims.UserName, userName));
        identity.AddClaim(new Claim(KitClaims.Role, member.User.Role ?? "user"));
        var issuer = Context.RequestServices.GetRequiredService<KitIdentityIssuer>();
        properties.Items[IdentityItem] = await issuer.IssueAsync(
            KitLoginEndpoints.Issuer(Context), client, member, properties.Items.TryGetValue(NonceItem, out var nonce) ? nonce : null, Context.RequestAborted);
        Logger.LogInformation("Kit login: {User} of tenant {Tenant} signed in to {App}", userName, client.TenantId, client.AppId);
        return new AuthenticationTicket(new ClaimsPrincipal(identity), properties, Scheme.Name);
    }

    private async Task<KitClient> ClientAsync(AuthenticationProperties properties)
    {
        var tenant = properties.Items.TryGetValue(TenantItem, out var t) ? t : null;
        var app = properties.Items.TryGetValue(AppItem, out var a) ? a : null;
        var directory = Context.RequestServices.GetRequiredService<KitLoginDirectory>();
        return tenant is null || app is null
            ? throw new KitLoginRefusedException("The sign-in names no enterprise.")
            : await directory.FindClientAsync(tenant, app, Context.RequestAborted)
                ?? throw new KitLoginRefusedException("This enterprise no longer has the application.");
    }

    private static string? Text(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) ? value.ValueKind switch
        {
            JsonValueKind.String when value.GetString() is { Length: > 0 } s => s,
            JsonValueKind.Number => value.GetRawText(),
            _ => null,
        } : null;
}

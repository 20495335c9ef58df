using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OAuth;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;

namespace KooGate.Server.KitLogin;

/// <summary>
/// Kit account login for the seller's apps (docs/kit-login.md): <c>/kit-login/login</c> starts a sign-in for a tenant,
/// <c>/kit-login/callback</c> is the OAuth callback registered with KooGallery, <c>/kit-login/logout</c> forwards to
/// the identity centre's logout, and the identity's verification keys are published at <c>/.well-known/jwks.json</c>
/// (with an OpenID discovery document, so standard JWT libraries find them).
/// </summary>
public static class KitLoginEndpoints
{
    public const string CallbackPath = "/kit-login/callback";
    public const string LoginPath = "/kit-login/login";
    public const string JwksPath = "/.well-known/jwks.json";
    private const string CookieScheme = "KooGate.KitLogin.Cookie";

    public static IServiceCollection AddKooGateKitLogin(this IServiceCollection services)
    {
        services.AddOptions<KitLoginOptions>().BindConfiguration(KitLoginOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<KitLoginOptions>, KitLoginOptionsValidator>();
        services.AddScoped<KitLoginDirectory>();
        services.AddSingleton<SigningKeys>();
        services.AddSingleton<KitIdentityIssuer>();
        services.AddAuthentication()
            // Never used to keep a session (the hand-off page ends every sign-in); required by the remote handler.
            .AddCookie(CookieScheme, o => o.Cookie.Path = "/kit-login")
            .AddOAuth<OAuthOptions, KooGalleryOAuthHandler>(KooGalleryOAuthHandler.SchemeName, ConfigureOAuth);
        services.AddSingleton<IPostConfigureOptions<OAuthOptions>, HexStateFormat.Installer>();
        services.AddHttpClient(CasLogin.HttpClientName, c => c.Timeout = TimeSpan.FromSeconds(10));
        return services;
    }

    public static void MapKooGateKitLogin(this IEndpointRouteBuilder app)
    {
        app.MapGet(LoginPath, LoginAsync);
        app.MapGet("/kit-login/logout", LogoutAsync);
        app.MapCasLogin();
        app.MapGet(JwksPath, async (SigningKeys keys, CancellationToken ct) => Results.Json(await keys.JwksAsync(ct)));
        app.MapGet("/.well-known/openid-configuration", (HttpContext context) =>
        {
            var issuer = Issuer(context);
            return Results.Json(new Dictionary<string, object>
            {
                ["issuer"] = issuer,
                ["jwks_uri"] = issuer + JwksPath,
                ["authorization_endpoint"] = issuer + LoginPath,
                ["response_types_supported"] = new[] { "id_token" },
                ["subject_types_supported"] = new[] { "public" },
                ["id_token_signing_alg_values_supported"] = new[] { "ES256" },
            });
        });
    }

    /// <summary>The configured issuer, or KooGate's own address as this request reached it.</summary>
    public static string Issuer(HttpContext context) =>
        context.RequestServices.GetRequiredService<IOptions<KitLoginOptions>>().Value.Issuer is { Length: > 0 } configured
            ? configured.TrimEnd('/')
            : $"{context.Request.Scheme}://{context.Request.Host}{context.Request.PathBase}";

    /// <summary><c>?tenant=&lt;tenantId&gt;[&amp;app=&lt;appId&gt;][&amp;nonce=…][&amp;return_path=/path]</c>.</summary>
    private static async Task<IResult> LoginAsync(HttpContext context, KitLoginDirectory directory, IOptions<KitLoginOptions> options, CancellationToken ct)
    {
        var query = context.Request.Query;
        var (client, refusal) = await ResolveAsync(query["tenant"].ToString(), query["app"].ToString(), directory, options.Value, ct);
        if (client is null)
        {
            return refusal!;
        }

        var returnPath = query["return_path"].ToString();
        var properties = new AuthenticationProperties { RedirectUri = "/" };
        properties.Items[KooGalleryOAuthHandler.TenantItem] = client.TenantId;
        properties.Items[KooGalleryOAuthHandler.AppItem] = client.AppId;
        properties.Items[KooGalleryOAuthHandler.ClientIdItem] = client.ClientId;
        properties.Items[KooGalleryOAuthHandler.AuthorizeItem] = client.Endpoint("oauth2/authorize");
        if (IsLocalPath(returnPath))
        {
            properties.Items[KooGalleryOAuthHandler.ReturnPathItem] = returnPath;
        }

        if (query["nonce"].ToString() is { Length: > 0 and <= 128 } nonce)
        {
            properties.Items[KooGalleryOAuthHandler.NonceItem] = nonce;
        }

        return Results.Challenge(properties, [KooGalleryOAuthHandler.SchemeName]);
    }

    /// <summary>
    /// The client a sign-in link names: the tenant, and the app (which may be left out when the tenant has synced just
    /// one of the configured apps); otherwise the page that says what is wrong.
    /// </summary>
    internal static async Task<(KitClient? Client, IResult? Refusal)> ResolveAsync(
        string tenant, string appId, KitLoginDirectory directory, KitLoginOptions options, CancellationToken ct)
    {
        if (!options.IsEnabled)
        {
            return (null, KitLoginPages.Refused("Kit account login is not configured on this KooGate.", StatusCodes.Status404NotFound));
        }

        if (tenant.Length == 0)
        {
            return (null, KitLoginPages.Refused("The sign-in link names no enterprise (tenant).", StatusCodes.Status400BadRequest));
        }

        if (appId.Length == 0)
        {
            var candidates = (await directory.AppsOfTenantAsync(tenant, ct)).Where(a => options.Find(a) is not null).ToList();
            appId = candidates.Count == 1 ? candidates[0] : string.Empty;
        }

        if (options.Find(appId) is null)
        {
            return (null, KitLoginPages.Refused("The sign-in link names no application of this seller.", StatusCodes.Status400BadRequest));
        }

        var client = await directory.FindClientAsync(tenant, appId, ct);
        return client is null
            ? (null, KitLoginPages.Refused("This enterprise has not bound the application (no tenantSync/applicationSync).", StatusCodes.Status404NotFound))
            : (client, null);
    }

    /// <summary>
    /// Front-channel logout (§7.5): the app ends its own session, then sends the browser here; KooGate forwards to the
    /// tenant's identity centre, which returns the user to the app's <c>SignedOutUrl</c>.
    /// </summary>
    private static async Task<IResult> LogoutAsync(HttpContext context, KitLoginDirectory directory, IOptions<KitLoginOptions> options, CancellationToken ct)
    {
        var tenant = context.Request.Query["tenant"].ToString();
        var app = options.Value.Find(context.Request.Query["app"].ToString()) ?? (options.Value.Apps.Count == 1 ? options.Value.Apps[0] : null);
        var client = app is null || tenant.Length == 0 ? null : await directory.FindClientAsync(tenant, app.AppId, ct);
        if (client is null)
        {
            return KitLoginPages.Refused("Unknown enterprise or application; you are signed out of the application.", StatusCodes.Status404NotFound);
        }

        var logout = client.Endpoint("logout");
        return Results.Redirect(app!.SignedOutUrl is { Length: > 0 } signedOut
            ? QueryHelpers.AddQueryString(logout, "redirect_url", signedOut)
            : logout);
    }

    private static void ConfigureOAuth(OAuthOptions o)
    {
        // Endpoints and client differ per tenant; KooGalleryOAuthHandler supplies them for each sign-in.
        o.ClientId = "per-tenant";
        o.ClientSecret = "per-tenant";
        o.AuthorizationEndpoint = "https://tenant.invalid/api/v1/oauth2/authorize";
        o.TokenEndpoint = "https://tenant.invalid/api/v1/oauth2/token";
        o.CallbackPath = CallbackPath;
        o.SignInScheme = CookieScheme;
        o.UsePkce = false;
        o.BackchannelTimeout = TimeSpan.FromSeconds(10);
        o.CorrelationCookie.SameSite = SameSiteMode.Lax;
        o.CorrelationCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        o.Events.OnTicketReceived = HandOffAsync;
        o.Events.OnRemoteFailure = RefuseAsync;
    }

    private static async Task HandOffAsync(TicketReceivedContext context)
    {
        var items = context.Properties!.Items;
        var options = context.HttpContext.RequestServices.GetRequiredService<IOptions<KitLoginOptions>>().Value;
        var app = options.Find(items[KooGalleryOAuthHandler.AppItem]);
        var result = app is null
            ? KitLoginPages.Refused("The application is no longer configured on this KooGate.")
            : KitLoginPages.HandOff(app.CallbackUrl, items[KooGalleryOAuthHandler.IdentityItem]!, items.TryGetValue(KooGalleryOAuthHandler.ReturnPathItem, out var path) ? path : null);
        await result.ExecuteAsync(context.HttpContext);
        context.HandleResponse();
    }

    private static async Task RefuseAsync(RemoteFailureContext context)
    {
        var query = context.Request.Query;

        // The unified login page (§7.1) sends the user to the registered address with code and tenant but no state:
        // start a sign-in of our own, which the identity centre completes from its session.
        if (query["state"].Count == 0 && query["code"].Count > 0 && query["tenant"].ToString() is { Length: > 0 } tenant)
        {
            context.Response.Redirect(QueryHelpers.AddQueryString(context.Request.PathBase + LoginPath, "tenant", tenant));
            context.HandleResponse();
            return;
        }

        var reason = context.Failure switch
        {
            KitLoginRefusedException refused => refused.Message,
            { InnerException: KitLoginRefusedException refused } => refused.Message,
            _ when query["error"].ToString() is { Length: > 0 } error =>
                $"The identity centre refused the sign-in ({error}): {query["error_description"]}",
            _ => "The sign-in could not be completed (it expired or was opened twice). Start again from the application.",
        };
        context.HttpContext.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(KitLoginEndpoints))
            .LogWarning("Kit login refused: {Reason}", context.Failure?.Message);
        await KitLoginPages.Refused(reason).ExecuteAsync(context.HttpContext);
        context.HandleResponse();
    }

    internal static bool IsLocalPath(string path) =>
        path.StartsWith('/') && !path.StartsWith("//", StringComparison.Ordinal) && !path.StartsWith("/\\", StringComparison.Ordinal);

    private sealed class KitLoginOptionsValidator : IValidateOptions<KitLoginOptions>
    {
        public ValidateOptionsResult Validate(string? name, KitLoginOptions options) =>
            options.Problem() is { } problem ? ValidateOptionsResult.Fail(problem) : ValidateOptionsResult.Success;
    }
}

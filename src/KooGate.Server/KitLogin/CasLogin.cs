using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;

namespace KooGate.Server.KitLogin;

/// <summary>
/// Kit login over CAS 3.0 (saas-v1-and-joint.md §7.7), the workbench's alternative to OAuth: <c>/kit-login/cas/login</c>
/// sends the user to <c>{domain_name}/api/v1/cas/login?service=…</c> (the ticket-issuing endpoint is OneAccess's
/// convention: the marketplace pages document only validation), and <c>/kit-login/cas/callback</c> validates the
/// ticket at <c>cas/p3/serviceValidate</c> (JSON). A random <c>state</c> in the service URL, matched against a cookie,
/// ties the ticket to the browser that started the sign-in. No well-kept .NET CAS client exists for ASP.NET Core,
/// so this one is small and follows the CAS 3.0 protocol.
/// </summary>
public static class CasLogin
{
    public const string HttpClientName = "KooGate.KitLogin.Cas";
    public const string CallbackPath = "/kit-login/cas/callback";
    private const string StateCookie = "koogate.kitlogin.cas";

    public static void MapCasLogin(this IEndpointRouteBuilder app)
    {
        app.MapGet("/kit-login/cas/login", LoginAsync);
        app.MapGet(CallbackPath, CallbackAsync);
    }

    private static async Task<IResult> LoginAsync(HttpContext context, KitLoginDirectory directory, IOptions<KitLoginOptions> options, CancellationToken ct)
    {
        var query = context.Request.Query;
        var (client, refusal) = await KitLoginEndpoints.ResolveAsync(query["tenant"].ToString(), query["app"].ToString(), directory, options.Value, ct);
        if (client is null)
        {
            return refusal!;
        }

        var state = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        context.Response.Cookies.Append(StateCookie, state, new CookieOptions
        {
            HttpOnly = true,
            Secure = context.Request.IsHttps,
            SameSite = SameSiteMode.Lax,
            Path = "/kit-login",
            MaxAge = TimeSpan.FromMinutes(10),
        });
        var service = Service(context, client.TenantId, client.AppId, state, query["nonce"].ToString(), query["return_path"].ToString());
        return Results.Redirect(QueryHelpers.AddQueryString(client.Endpoint("cas/login"), "service", service));
    }

    private static async Task<IResult> CallbackAsync(
        HttpContext context, KitLoginDirectory directory, KitIdentityIssuer issuer, IHttpClientFactory http, IOptions<KitLoginOptions> options,
        ILogger<KitLoginDirectory> logger, CancellationToken ct)
    {
        var query = context.Request.Query;
        var state = query["state"].ToString();
        var cookie = context.Request.Cookies[StateCookie];
        if (cookie is null || !CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(cookie), Encoding.ASCII.GetBytes(state)))
        {
            return KitLoginPages.Refused("The sign-in could not be completed (it expired or was opened twice). Start again from the application.");
        }

        context.Response.Cookies.Delete(StateCookie, new CookieOptions { Path = "/kit-login" });
        var app = options.Value.Find(query["app"].ToString());
        var client = app is null ? null : await directory.FindClientAsync(query["tenant"].ToString(), app.AppId, ct);
        if (client is null)
        {
            return KitLoginPages.Refused("This enterprise no longer has the application.");
        }

        var nonce = query["nonce"].ToString();
        var returnPath = query["return_path"].ToString();
        var service = Service(context, client.TenantId, client.AppId, state, nonce, returnPath);
        var validate = QueryHelpers.AddQueryString(client.Endpoint("cas/p3/serviceValidate"), new Dictionary<string, string?>
        {
            ["service"] = service,
            ["ticket"] = query["ticket"].ToString(),
            ["format"] = "JSON",
        });
        try
        {
            using var response = await http.CreateClient(HttpClientName).GetAsync(validate, ct);
            using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync(ct));
            var answer = document.RootElement.GetProperty("serviceResponse");
            if (!answer.TryGetProperty("authenticationSuccess", out var success))
            {
                var code = answer.TryGetProperty("authenticationFailure", out var failure) && failure.TryGetProperty("code", out var c) ? c.GetString() : null;
                logger.LogWarning("Kit login: CAS ticket refused by tenant {Tenant}: {Code}", client.TenantId, code);
                return KitLoginPages.Refused($"The identity centre did not confirm the sign-in ({code ?? "no answer"}). Start again from the application.");
            }

            var attributes = success.TryGetProperty("attributes", out var a) ? a : default;
            var userName = Attribute(attributes, "userName") ?? (success.TryGetProperty("user", out var u) ? u.GetString() : null)
                ?? throw new KitLoginRefusedException("The identity centre returned no user name.");
            var member = await directory.AuthoriseAsync(client, userName, Attribute(attributes, "tenant"), ct);
            var identity = await issuer.IssueAsync(KitLoginEndpoints.Issuer(context), client, member, nonce.Length is > 0 and <= 128 ? nonce : null, ct);
            logger.LogInformation("Kit login (CAS): {User} of tenant {Tenant} signed in to {App}", userName, client.TenantId, client.AppId);
            return KitLoginPages.HandOff(app!.CallbackUrl, identity, KitLoginEndpoints.IsLocalPath(returnPath) ? returnPath : null);
        }
        catch (KitLoginRefusedException refused)
        {
            return KitLoginPages.Refused(refused.Message);
        }
        catch (Exception e) when (e is HttpRequestException or JsonException or KeyNotFoundException or InvalidOperationException or TaskCanceledException)
        {
            logger.LogWarning("Kit login: CAS validation at tenant {Tenant} failed: {Error}", client.TenantId, e.Message);
            return KitLoginPages.Refused("The enterprise's identity centre could not be reached. Try again.", StatusCodes.Status502BadGateway);
        }
    }

    /// <summary>The service URL: built the same way at login and at validation, which must match exactly.</summary>
    private static string Service(HttpContext context, string tenant, string app, string state, string nonce, string returnPath)
    {
        var parameters = new Dictionary<string, string?> { ["tenant"] = tenant, ["app"] = app, ["state"] = state };
        if (nonce.Length is > 0 and <= 128)
        {
            parameters["nonce"] = nonce;
        }

        if (KitLoginEndpoints.IsLocalPath(returnPath))
        {
            parameters["return_path"] = returnPath;
        }

        return QueryHelpers.AddQueryString(KitLoginEndpoints.Issuer(context) + CallbackPath, parameters);
    }

    /// <summary>CAS attributes arrive as strings or one-element arrays.</summary>
    private static string? Attribute(JsonElement attributes, string name) =>
        attributes.ValueKind == JsonValueKind.Object && attributes.TryGetProperty(name, out var value)
            ? value.ValueKind switch
            {
                JsonValueKind.String => value.GetString(),
                JsonValueKind.Array when value.GetArrayLength() > 0 && value[0].ValueKind == JsonValueKind.String => value[0].GetString(),
                _ => null,
            }
            : null;
}

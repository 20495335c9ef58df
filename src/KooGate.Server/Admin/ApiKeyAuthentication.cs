using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using KooGate.Server.Configuration;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace KooGate.Server.Admin;

/// <summary>Machine access to the admin API: header <c>X-Api-Key</c> equal to <c>KooGate:Admin:ApiKey</c>.</summary>
public sealed class ApiKeyAuthentication(
    IOptionsMonitor<AuthenticationSchemeOptions> schemeOptions,
    ILoggerFactory loggerFactory,
    UrlEncoder encoder,
    IOptions<KooGateOptions> options,
    FailedSignIns failures) : AuthenticationHandler<AuthenticationSchemeOptions>(schemeOptions, loggerFactory, encoder)
{
    public const string SchemeName = "KooGateApiKey";

    public const string HeaderName = "X-Api-Key";

    private TimeSpan? _throttledFor;

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!Request.Headers.TryGetValue(HeaderName, out var presented) || presented.Count != 1 || string.IsNullOrEmpty(presented[0]))
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        if (failures.RetryAfter(Context) is { } retryAfter)
        {
            _throttledFor = retryAfter;
            return Task.FromResult(AuthenticateResult.Fail("too many wrong API keys from this address"));
        }

        var configured = options.Value.Admin.ApiKey;
        if (string.IsNullOrEmpty(configured) || !FixedTimeEquals(configured, presented[0]!))
        {
            failures.RecordFailure(Context);
            Logger.LogWarning("Admin API: wrong API key from {Address}", Context.Connection.RemoteIpAddress);
            return Task.FromResult(AuthenticateResult.Fail("invalid API key"));
        }

        var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, "api-key"), new Claim(ClaimTypes.Role, AdminApi.Role)], SchemeName);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName)));
    }

    /// <summary>A throttled client gets 429 with Retry-After instead of 401.</summary>
    protected override Task HandleChallengeAsync(AuthenticationProperties properties) =>
        _throttledFor is { } retryAfter ? FailedSignIns.RefuseAsync(Context, retryAfter, "API keys") : base.HandleChallengeAsync(properties);

    private static bool FixedTimeEquals(string expected, string presented) =>
        CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(expected)), SHA256.HashData(Encoding.UTF8.GetBytes(presented)));
}

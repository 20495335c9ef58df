using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace KooGate.Server.KitLogin;

/// <summary>The claims of a signed Kit-login identity (docs/kit-login.md lists them for the seller's app).</summary>
public static class KitClaims
{
    public const string Tenant = "tenant";
    public const string TenantName = "tenant_name";
    public const string Instance = "instance_id";
    public const string UserName = "user_name";
    public const string Name = "name";
    public const string Role = "role";
    public const string OrgCode = "org_code";
    public const string OrgName = "org_name";
    public const string Email = "email";

    /// <summary>The app's <c>nonce</c> from the login link, echoed so it can tie the identity to its own request.</summary>
    public const string Nonce = "nonce";
}

/// <summary>
/// Signs the short-lived identity handed to the seller's app: an ES256 JWT with <c>aud</c> = appId, <c>sub</c> =
/// tenantId/userName, whose key is published at <c>/.well-known/jwks.json</c>.
/// </summary>
public sealed class KitIdentityIssuer(SigningKeys keys, IOptions<KitLoginOptions> options, TimeProvider time)
{
    private readonly JsonWebTokenHandler _handler = new() { SetDefaultTimesOnTokenCreation = false };

    public async Task<string> IssueAsync(string issuer, KitClient client, KitMember member, string? nonce, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var user = member.User;
        var claims = new Dictionary<string, object>
        {
            [JwtRegisteredClaimNames.Sub] = client.TenantId + "/" + user.UserName,
            [JwtRegisteredClaimNames.Jti] = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)),
            [KitClaims.Tenant] = client.TenantId,
            [KitClaims.TenantName] = client.TenantName,
            [KitClaims.Instance] = client.InstanceId,
            [KitClaims.UserName] = user.UserName,
            [KitClaims.Name] = user.Name ?? user.UserName,
            [KitClaims.Role] = user.Role ?? "user",
        };
        AddIfPresent(claims, KitClaims.OrgCode, user.OrgCode);
        AddIfPresent(claims, KitClaims.OrgName, member.OrgName);
        AddIfPresent(claims, KitClaims.Email, user.Email);
        AddIfPresent(claims, KitClaims.Nonce, nonce);
        var key = await keys.CurrentAsync(cancellationToken);
        return _handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = client.AppId,
            IssuedAt = now,
            NotBefore = now,
            Expires = now.AddSeconds(options.Value.IdentityLifetimeSeconds),
            Claims = claims,
            SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.EcdsaSha256),
        });
    }

    private static void AddIfPresent(Dictionary<string, object> claims, string name, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            claims[name] = value;
        }
    }
}

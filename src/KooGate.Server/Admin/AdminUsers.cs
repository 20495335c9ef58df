using System.Security.Claims;
using KooGate.Server.Configuration;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace KooGate.Server.Admin;

/// <summary>
/// The configured dashboard logins. Passwords are stored only as ASP.NET Core Identity v3 hashes (PBKDF2 with
/// HMAC-SHA512, random salt, 100,000 iterations); <c>koogate admin hash-password</c> makes one.
/// </summary>
public sealed class AdminUsers(IOptionsMonitor<KooGateOptions> options)
{
    private static readonly PasswordHasher<string> Hasher = new();

    /// <summary>Checked against unknown names too, so a wrong name costs as long as a wrong password.</summary>
    private static readonly Lazy<string> DecoyHash = new(() => Hasher.HashPassword(string.Empty, Guid.NewGuid().ToString()));

    public static string Hash(string password) => Hasher.HashPassword(string.Empty, password);

    public bool Exists(string? name) => Find(name) is not null;

    /// <summary>The signed-in principal, or null when the name or password is wrong.</summary>
    public ClaimsPrincipal? Verify(string? name, string? password)
    {
        var user = Find(name);
        var hash = user?.PasswordHash ?? DecoyHash.Value;
        PasswordVerificationResult result;
        try
        {
            result = Hasher.VerifyHashedPassword(string.Empty, hash, password ?? string.Empty);
        }
        catch (FormatException)
        {
            result = PasswordVerificationResult.Failed;
        }

        if (user is null || result == PasswordVerificationResult.Failed)
        {
            return null;
        }

        var identity = new ClaimsIdentity(
            [new Claim(ClaimTypes.Name, user.Name!), new Claim(ClaimTypes.Role, AdminApi.Role)], AdminAuthentication.CookieSchemeName);
        return new ClaimsPrincipal(identity);
    }

    private AdminUserOptions? Find(string? name) => string.IsNullOrEmpty(name)
        ? null
        : options.CurrentValue.Admin.Users.FirstOrDefault(u =>
            string.Equals(u.Name, name, StringComparison.Ordinal) && !string.IsNullOrEmpty(u.PasswordHash));
}

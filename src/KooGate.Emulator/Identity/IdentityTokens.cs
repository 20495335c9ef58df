using System.Collections.Concurrent;
using System.Security.Cryptography;
using KooGate.Emulator.Clock;

namespace KooGate.Emulator.Identity;

/// <summary>Who a code or token stands for.</summary>
public sealed record Grant(string TenantId, string ClientId, string UserName, string? RedirectUri, DateTimeOffset ExpiresAt);

/// <summary>
/// Authorization codes (single use, 5 minutes), access tokens (2 h) and refresh tokens (30 days) of the joint-login
/// identity provider (saas-v1-and-joint.md §7.2–7.3), on the virtual clock. Kept in memory: a restart logs users out.
/// </summary>
public sealed class IdentityTokens(VirtualClock clock)
{
    public static readonly TimeSpan CodeLifetime = TimeSpan.FromMinutes(5);
    public static readonly TimeSpan AccessLifetime = TimeSpan.FromHours(2);
    public static readonly TimeSpan RefreshLifetime = TimeSpan.FromDays(30);

    private readonly ConcurrentDictionary<string, Grant> _codes = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Grant> _access = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Grant> _refresh = new(StringComparer.Ordinal);

    public string IssueCode(string tenantId, string clientId, string userName, string redirectUri) =>
        Issue(_codes, new Grant(tenantId, clientId, userName, redirectUri, clock.GetUtcNow() + CodeLifetime));

    /// <summary>Takes a code (it can be used once); null when unknown, expired or issued to another client.</summary>
    public Grant? RedeemCode(string code, string clientId) => Take(_codes, code, clientId);

    public Grant? RedeemRefresh(string token, string clientId) => Take(_refresh, token, clientId);

    public (string Access, string Refresh) IssueTokens(Grant grant)
    {
        var now = clock.GetUtcNow();
        return (Issue(_access, grant with { ExpiresAt = now + AccessLifetime }), Issue(_refresh, grant with { ExpiresAt = now + RefreshLifetime }));
    }

    public Grant? Access(string token) =>
        _access.TryGetValue(token, out var grant) && grant.ExpiresAt > clock.GetUtcNow() ? grant : null;

    private Grant? Take(ConcurrentDictionary<string, Grant> store, string key, string clientId) =>
        store.TryRemove(key, out var grant) && grant.ExpiresAt > clock.GetUtcNow() && grant.ClientId == clientId ? grant : null;

    private static string Issue(ConcurrentDictionary<string, Grant> store, Grant grant)
    {
        var token = Base64Url(RandomNumberGenerator.GetBytes(32));
        store[token] = grant;
        return token;
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}

namespace KooGate.Server.KitLogin;

/// <summary>
/// <c>KooGate:KitLogin</c>: the seller's applications that users sign in to with their KooGallery enterprise account
/// (docs/kit-login.md). Kit login is off until at least one application is configured.
/// </summary>
public sealed class KitLoginOptions
{
    public const string Section = "KooGate:KitLogin";

    /// <summary>The seller's applications, by the <c>appId</c> that applicationSync and authSync carry.</summary>
    public List<KitLoginApp> Apps { get; set; } = [];

    /// <summary>
    /// The issuer (<c>iss</c>) of the identities KooGate signs, and where its JWKS is published: KooGate's public base
    /// URL. Empty: taken from the request (scheme, host and path base).
    /// </summary>
    public string? Issuer { get; set; }

    /// <summary>How long a signed identity is valid; the app turns it into its own session at once.</summary>
    public int IdentityLifetimeSeconds { get; set; } = 300;

    public bool IsEnabled => Apps.Count > 0;

    public KitLoginApp? Find(string? appId) => Apps.FirstOrDefault(a => string.Equals(a.AppId, appId, StringComparison.Ordinal));

    /// <summary>The first problem with the configuration, or null.</summary>
    public string? Problem()
    {
        if (IdentityLifetimeSeconds is < 10 or > 3600)
        {
            return "KooGate:KitLogin:IdentityLifetimeSeconds must be between 10 and 3600";
        }

        if (!string.IsNullOrEmpty(Issuer) && !IsHttpUrl(Issuer))
        {
            return "KooGate:KitLogin:Issuer must be an absolute http(s) URL";
        }

        foreach (var (app, index) in Apps.Select((a, i) => (a, i)))
        {
            var prefix = $"KooGate:KitLogin:Apps:{index}";
            if (string.IsNullOrWhiteSpace(app.AppId))
            {
                return $"{prefix}:AppId is required";
            }

            if (!IsHttpUrl(app.CallbackUrl))
            {
                return $"{prefix}:CallbackUrl must be an absolute http(s) URL (where the signed identity is posted)";
            }

            if (app.SignedOutUrl is { Length: > 0 } signedOut && !IsHttpUrl(signedOut))
            {
                return $"{prefix}:SignedOutUrl must be an absolute http(s) URL";
            }
        }

        return Apps.GroupBy(a => a.AppId, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1) is { } duplicate
            ? $"KooGate:KitLogin:Apps lists appId {duplicate.Key} twice"
            : null;
    }

    private static bool IsHttpUrl(string? value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https";
}

/// <summary>One of the seller's applications behind Kit login.</summary>
public sealed class KitLoginApp
{
    /// <summary>The application's <c>appId</c> (卖家中心 应用凭证); also the audience (<c>aud</c>) of its identities.</summary>
    public string AppId { get; set; } = string.Empty;

    /// <summary>Where KooGate posts the signed identity (form field <c>id_token</c>) after a successful sign-in.</summary>
    public string CallbackUrl { get; set; } = string.Empty;

    /// <summary>Where the identity centre sends the user after logout; empty: its own login page.</summary>
    public string? SignedOutUrl { get; set; }
}

namespace KooGate.Testing.Server;

/// <summary>The fixed secrets every test host is configured with, so tests sign and sign in with these.</summary>
public static class TestKeys
{
    public const string Basic = "basic-key-0001";

    /// <summary>The basic key before a rotation: still accepted by <see cref="KooGateHost"/>.</summary>
    public const string PreviousBasic = "basic-key-0000";

    public const string Kit = "kit-key-0001";
    public const string License = "license-key-0001";
    public const string General = "general-key-0001";
    public const string V1 = "v1-key-0001";
    public const string AdminApiKey = "admin-api-key-0001";
    public const string WebhookSecret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    public const string OperatorName = "operator";
    public const string OperatorPassword = "operator-password-0001";

    /// <summary>All zeroes: the key that encrypts stored secrets at rest.</summary>
    public static string SecretsKey { get; } = Convert.ToBase64String(new byte[32]);

    /// <summary>Hashed once per test run: PBKDF2 is deliberately slow.</summary>
    public static string OperatorPasswordHash => LazyOperatorPasswordHash.Value;

    private static readonly Lazy<string> LazyOperatorPasswordHash = new(() => KooGate.Server.Admin.AdminUsers.Hash(OperatorPassword));
}

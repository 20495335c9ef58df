namespace KooGate.Server.Configuration;

/// <summary>The V1 GET interfaces and V1 Kit syncs (section <c>KooGate:V1</c>).</summary>
public sealed class V1Options
{
    /// <summary>
    /// AES key size for <c>appInfo.userName</c>/<c>password</c>: 256 answers <c>encryptType</c> "1", 128 answers "2"
    /// (README decision 7).
    /// </summary>
    public int EncryptionBits { get; set; } = 256;

    /// <summary>
    /// Allowed skew of the request's <c>timeStamp</c> either side of now; 0 disables the check. V1 documents no window
    /// (saas-v1-and-joint.md §2.1), so this is a local replay guard, generous enough for marketplace clock drift.
    /// </summary>
    public int TimestampWindowSeconds { get; set; } = 600;
}

/// <summary>License issuance (section <c>KooGate:License</c>).</summary>
public sealed class LicenseOptions
{
    /// <summary>
    /// PEM file with the ECDSA P-256 private key that signs license documents. When absent, a key is generated once
    /// under the data directory (<c>license-signing-key.pem</c>, public half in <c>license-signing-key.pub.pem</c>).
    /// </summary>
    public string? SigningKeyPath { get; set; }

    /// <summary>The <c>iss</c> claim of issued license documents.</summary>
    public string Issuer { get; set; } = "koogate";
}

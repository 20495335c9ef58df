using System.Security.Cryptography;
using KooGate.Server.Configuration;
using Microsoft.Extensions.Options;

namespace KooGate.Server.Provisioning;

/// <summary>
/// The ECDSA P-256 key that signs license documents: a PEM at <c>KooGate:License:SigningKeyPath</c>, or — for
/// development — one generated on first use under the data directory with its public half next to it. Several server
/// processes must share the configured key (a generated one is per data directory).
/// </summary>
public sealed class LicenseSigningKey : IDisposable
{
    public const string GeneratedFileName = "license-signing-key.pem";
    public const string PublicFileName = "license-signing-key.pub.pem";

    private readonly Lazy<ECDsa> _key;

    public LicenseSigningKey(IOptions<KooGateOptions> options, ILogger<LicenseSigningKey> logger) =>
        _key = new Lazy<ECDsa>(() => Load(options.Value, logger));

    /// <summary>The public key (SubjectPublicKeyInfo PEM) to embed in the seller's software.</summary>
    public string PublicKeyPem => _key.Value.ExportSubjectPublicKeyInfoPem();

    /// <summary>First 16 hex characters of the SHA-256 of the public key's SubjectPublicKeyInfo, the documents' <c>kid</c>.</summary>
    public string KeyId => Convert.ToHexStringLower(SHA256.HashData(_key.Value.ExportSubjectPublicKeyInfo()))[..16];

    /// <summary>ECDSA-SHA256 in IEEE P1363 form (r ‖ s, 64 bytes), as JWS ES256 uses.</summary>
    public byte[] Sign(byte[] data) => _key.Value.SignData(data, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);

    public void Dispose()
    {
        if (_key.IsValueCreated)
        {
            _key.Value.Dispose();
        }
    }

    private static ECDsa Load(KooGateOptions options, ILogger logger)
    {
        var key = ECDsa.Create();
        if (!string.IsNullOrWhiteSpace(options.License.SigningKeyPath))
        {
            key.ImportFromPem(File.ReadAllText(options.License.SigningKeyPath));
            return key;
        }

        Directory.CreateDirectory(options.DataDirectory);
        var path = Path.Combine(options.DataDirectory, GeneratedFileName);
        try
        {
            using var created = new FileStream(path, FileMode.CreateNew, FileAccess.Write);
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }

            key.GenerateKey(ECCurve.NamedCurves.nistP256);
            using (var writer = new StreamWriter(created))
            {
                writer.Write(key.ExportPkcs8PrivateKeyPem());
            }

            File.WriteAllText(Path.Combine(options.DataDirectory, PublicFileName), key.ExportSubjectPublicKeyInfoPem());
            logger.LogWarning("Generated a development license signing key at {Path}; configure KooGate:License:SigningKeyPath in production", path);
            return key;
        }
        catch (IOException) when (File.Exists(path))
        {
            // Another process (or an earlier start) created it; use that one.
            key.ImportFromPem(ReadWhenComplete(path));
            return key;
        }
    }

    private static string ReadWhenComplete(string path)
    {
        for (var attempt = 0; ; attempt++)
        {
            var text = File.ReadAllText(path);
            if (text.Contains("-----END", StringComparison.Ordinal) || attempt >= 50)
            {
                return text;
            }

            Thread.Sleep(20);
        }
    }
}

using System.Security.Cryptography;
using KooGate.Protocol.Crypto;
using KooGate.Server.Configuration;
using Microsoft.Extensions.Options;

namespace KooGate.Server.Produce.KitV2;

/// <summary>
/// The RSA private key (PEM at <c>KooGate:RsaPrivateKeyPath</c>) that decrypts <c>applicationSync.clientSecret</c>,
/// loaded on first use. Absent or unreadable key → every decryption fails (answered 000101).
/// </summary>
public sealed class ClientSecretKey : IDisposable
{
    private readonly Lazy<RSA?> _key;
    private readonly Lock _gate = new();

    public ClientSecretKey(IOptions<KooGateOptions> options, ILogger<ClientSecretKey> logger) =>
        _key = new Lazy<RSA?>(() => Load(options.Value.RsaPrivateKeyPath, logger));

    public bool TryDecrypt(string? encrypted, out string secret)
    {
        secret = string.Empty;
        if (_key.Value is not { } key)
        {
            return false;
        }

        lock (_gate)
        {
            return ClientSecretCipher.TryDecrypt(key, encrypted, out secret, out _);
        }
    }

    public void Dispose()
    {
        if (_key.IsValueCreated)
        {
            _key.Value?.Dispose();
        }
    }

    private static RSA? Load(string? path, ILogger logger)
    {
        if (string.IsNullOrWhiteSpace(path))
        {
            logger.LogWarning("KooGate:RsaPrivateKeyPath is not configured; applicationSync secrets cannot be decrypted");
            return null;
        }

        var rsa = RSA.Create();
        try
        {
            rsa.ImportFromPem(File.ReadAllText(path));
            return rsa;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or CryptographicException)
        {
            rsa.Dispose();
            logger.LogError("Cannot load the RSA private key from {Path}: {Error}", path, e.GetType().Name);
            return null;
        }
    }
}

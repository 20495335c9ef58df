using System.Security.Cryptography;
using KooGate.Server.Configuration;
using KooGate.Server.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.IdentityModel.Tokens;

namespace KooGate.Server.KitLogin;

/// <summary>A P-256 key that signs Kit-login identities (ES256); the private key is stored under the secrets key.</summary>
public sealed class KitLoginSigningKey
{
    public required string KeyId { get; set; }

    /// <summary>PKCS#8, Base64, encrypted with <see cref="SecretProtector"/>.</summary>
    public required string ProtectedPrivateKey { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>
/// The signing keys, kept in the database so every KooGate process behind one database signs with, and publishes,
/// the same keys. The newest key signs; all are published (JWKS) so identities signed just before a rotation verify.
/// The first use creates a key.
/// </summary>
public sealed class SigningKeys(IServiceScopeFactory scopes, SecretProtector protector, TimeProvider time)
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private IReadOnlyList<ECDsaSecurityKey>? _keys;

    /// <summary>The newest key first.</summary>
    public async Task<IReadOnlyList<ECDsaSecurityKey>> AllAsync(CancellationToken cancellationToken)
    {
        if (_keys is { } keys)
        {
            return keys;
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            return _keys ??= await LoadOrCreateAsync(cancellationToken);
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task<ECDsaSecurityKey> CurrentAsync(CancellationToken cancellationToken) => (await AllAsync(cancellationToken))[0];

    /// <summary>The public halves as a JWKS document (RFC 7517).</summary>
    public async Task<object> JwksAsync(CancellationToken cancellationToken)
    {
        var keys = await AllAsync(cancellationToken);
        return new
        {
            keys = keys.Select(k =>
            {
                var parameters = k.ECDsa.ExportParameters(includePrivateParameters: false);
                return new Dictionary<string, string>
                {
                    ["kty"] = "EC",
                    ["crv"] = "P-256",
                    ["use"] = "sig",
                    ["alg"] = SecurityAlgorithms.EcdsaSha256,
                    ["kid"] = k.KeyId,
                    ["x"] = Base64UrlEncoder.Encode(parameters.Q.X),
                    ["y"] = Base64UrlEncoder.Encode(parameters.Q.Y),
                };
            }).ToList(),
        };
    }

    private async Task<IReadOnlyList<ECDsaSecurityKey>> LoadOrCreateAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<KooGateDbContext>();
        var set = db.Set<KitLoginSigningKey>();
        if (!await set.AnyAsync(cancellationToken))
        {
            using var created = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            set.Add(new KitLoginSigningKey
            {
                KeyId = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8)),
                ProtectedPrivateKey = protector.Protect(Convert.ToBase64String(created.ExportPkcs8PrivateKey())),
                CreatedAt = time.GetUtcNow(),
            });
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException)
            {
                // Another process created one at the same moment; both keys are published and the newest signs.
                db.ChangeTracker.Clear();
            }
        }

        var rows = await set.AsNoTracking().ToListAsync(cancellationToken);
        return rows.OrderByDescending(r => r.CreatedAt).ThenBy(r => r.KeyId, StringComparer.Ordinal).Select(r =>
        {
            var ecdsa = ECDsa.Create();
            ecdsa.ImportPkcs8PrivateKey(Convert.FromBase64String(protector.Unprotect(r.ProtectedPrivateKey)), out _);
            return new ECDsaSecurityKey(ecdsa) { KeyId = r.KeyId };
        }).ToList();
    }
}

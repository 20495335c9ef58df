using System.Security.Cryptography;

namespace KooGate.Testing.Server;

/// <summary>
/// The RSA key pair Kit's clientSecret is encrypted to: generated once per test run (3072-bit generation is slow on a
/// loaded machine) and written into each host's directory.
/// </summary>
public static class KitClientSecretKey
{
    private static readonly Lazy<(string PrivatePem, string PublicPem)> Pair = new(() =>
    {
        using var rsa = RSA.Create(3072);
        return (rsa.ExportPkcs8PrivateKeyPem(), rsa.ExportSubjectPublicKeyInfoPem());
    });

    public const string PrivateKeyFile = "kit.pem";
    public const string PublicKeyFile = "kit.pub.pem";

    public static string PrivateKeyPem => Pair.Value.PrivatePem;

    public static string PublicKeyPem => Pair.Value.PublicPem;
}

using System.Security.Cryptography;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace KooGate.Conformance.Tests.Infrastructure;

/// <summary>
/// KooGate's own production-interface server on a loopback Kestrel port with a fresh SQLite database, fixed keys and
/// an RSA key pair for Kit clientSecret. It keeps the real clock: the runner signs with real time.
/// </summary>
public sealed class KooGateServerHost : WebApplicationFactory<Program>
{
    public const string BasicKey = "basic-key-0001";
    public const string KitKey = "kit-key-0001";
    public const string LicenseKey = "license-key-0001";
    public const string GeneralKey = "general-key-0001";
    public const string V1Key = "v1-key-0001";
    public const string ProductionPath = "/produce";

    private readonly string _directory = Directory.CreateTempSubdirectory("koogate-conformance-").FullName;

    public KooGateServerHost()
    {
        using var rsa = RSA.Create(3072);
        PrivateKeyPath = Path.Combine(_directory, "client-secret.pem");
        PublicKeyPath = Path.Combine(_directory, "client-secret.pub.pem");
        File.WriteAllText(PrivateKeyPath, rsa.ExportPkcs8PrivateKeyPem());
        File.WriteAllText(PublicKeyPath, rsa.ExportSubjectPublicKeyInfoPem());
        UseKestrel(0);
    }

    public string PrivateKeyPath { get; }

    /// <summary>What the runner's <c>--rsa-public-key</c> reads.</summary>
    public string PublicKeyPath { get; }

    /// <summary>The production URL (starts the server on first use).</summary>
    public string ProductionUrl
    {
        get
        {
            StartServer();
            return new Uri(ClientOptions.BaseAddress, ProductionPath).AbsoluteUri;
        }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        var settings = new Dictionary<string, string>
        {
            ["ConnectionStrings:KooGate"] = $"Data Source={Path.Combine(_directory, "koogate.db")}",
            ["KooGate:DataDirectory"] = _directory,
            ["KooGate:ProductionPath"] = ProductionPath,
            ["KooGate:Keys:Basic"] = BasicKey,
            ["KooGate:Keys:Kit"] = KitKey,
            ["KooGate:Keys:License"] = LicenseKey,
            ["KooGate:Keys:General"] = GeneralKey,
            ["KooGate:Keys:V1"] = V1Key,
            ["KooGate:RsaPrivateKeyPath"] = PrivateKeyPath,
            ["KooGate:SecretsKey"] = Convert.ToBase64String(new byte[32]),
            ["KooGate:Admin:ApiKey"] = "admin-api-key-0001",
            ["KooGate:Webhook:Secret"] = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
            ["Logging:LogLevel:Default"] = "Warning",
        };
        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}

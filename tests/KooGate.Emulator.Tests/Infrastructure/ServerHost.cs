using System.Security.Cryptography;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace KooGate.Emulator.Tests.Infrastructure;

/// <summary>
/// The real KooGate.Server on a loopback Kestrel port (as in KooGate.Server.Tests' KooGateHost): fixed keys, a temp
/// SQLite database, an RSA key pair for Kit clientSecret, and the same fake wall clock as the emulator.
/// </summary>
public sealed class ServerHost : WebApplicationFactory<Program>
{
    public const string BasicKey = "basic-key-0001";
    public const string KitKey = "kit-key-0001";
    public const string LicenseKey = "license-key-0001";
    public const string V1Key = "v1-key-0001";

    private readonly string _directory = Directory.CreateTempSubdirectory("koogate-server-").FullName;

    public ServerHost(FakeTimeProvider clock)
    {
        Clock = clock;
        using var rsa = RSA.Create(3072);
        File.WriteAllText(Path.Combine(_directory, "kit.pem"), rsa.ExportRSAPrivateKeyPem());
        PublicKeyPem = rsa.ExportSubjectPublicKeyInfoPem();
        UseKestrel(0);
    }

    public FakeTimeProvider Clock { get; }

    public string PublicKeyPem { get; }

    /// <summary>The production address to register in the emulator.</summary>
    public string ProductionUrl
    {
        get
        {
            StartServer();
            return new Uri(ClientOptions.BaseAddress, "/produce").ToString();
        }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        var settings = new Dictionary<string, string>
        {
            ["ConnectionStrings:KooGate"] = $"Data Source={Path.Combine(_directory, "koogate.db")}",
            ["KooGate:DataDirectory"] = _directory,
            ["KooGate:Keys:Basic"] = BasicKey,
            ["KooGate:Keys:Kit"] = KitKey,
            ["KooGate:Keys:License"] = LicenseKey,
            ["KooGate:Keys:General"] = "general-key-0001",
            ["KooGate:Keys:V1"] = V1Key,
            ["KooGate:SecretsKey"] = Convert.ToBase64String(new byte[32]),
            ["KooGate:Admin:ApiKey"] = "admin-api-key-0001",
            ["KooGate:Webhook:Secret"] = "webhook-secret-0001",
            ["KooGate:RsaPrivateKeyPath"] = Path.Combine(_directory, "kit.pem"),
            ["Logging:LogLevel:Default"] = "Warning",
        };
        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureServices(services => services.AddSingleton<TimeProvider>(Clock));
    }

    public Server.Data.KooGateDbContext OpenDb() => Services.CreateScope().ServiceProvider.GetRequiredService<Server.Data.KooGateDbContext>();

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}

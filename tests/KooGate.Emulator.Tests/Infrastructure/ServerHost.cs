using System.Security.Cryptography;
using KooGate.Server.Tests.Infrastructure;
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

    public const string GeneralKey = "general-key-0001";

    private readonly string _directory = Directory.CreateTempSubdirectory("koogate-server-").FullName;
    private readonly IReadOnlyDictionary<string, string> _extraSettings;
    private readonly string _connectionString;
    private readonly bool _postgres;
    private readonly Action<IServiceCollection>? _services;

    /// <param name="clock">The wall clock shared with the emulator.</param>
    /// <param name="marketplace">When given, the server's open-API client (查询订单, uploads) points at this emulator.</param>
    /// <param name="settings">More configuration (for example a webhook URL, which selects the webhook provisioner, or <c>KooGate:KitLogin:*</c>).</param>
    /// <param name="database">SQLite (a temp file) or a fresh PostgreSQL database, dropped on dispose.</param>
    /// <param name="services">Service overrides applied after the server's own (a seller's provisioner, say).</param>
    public ServerHost(
        FakeTimeProvider clock,
        Uri? marketplace = null,
        IReadOnlyDictionary<string, string>? settings = null,
        DatabaseKind database = DatabaseKind.Sqlite,
        Action<IServiceCollection>? services = null)
    {
        Clock = clock;
        _services = services;
        _connectionString = TestDatabases.NewConnectionString(database, _directory);
        _postgres = database == DatabaseKind.Postgres;
        var extra = marketplace is null
            ? new Dictionary<string, string>()
            : new Dictionary<string, string>
            {
                ["KooGate:Marketplace:BaseUrl"] = marketplace.ToString(),
                ["KooGate:Marketplace:AccessKey"] = EmulatorHost.SellerCredentials.AccessKey,
                ["KooGate:Marketplace:SecretKey"] = EmulatorHost.SellerCredentials.SecretKey,
                // The workers sleep on the fake clock; tests advance it in small steps while they wait.
                ["KooGate:Marketplace:PollIntervalMilliseconds"] = "50",
            };
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            extra[key] = value;
        }

        _extraSettings = extra;
        using var rsa = RSA.Create(3072);
        File.WriteAllText(Path.Combine(_directory, "kit.pem"), rsa.ExportRSAPrivateKeyPem());
        PublicKeyPem = rsa.ExportSubjectPublicKeyInfoPem();
        UseKestrel(0);
    }

    public const string AdminApiKey = "admin-api-key-0001";

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
            ["ConnectionStrings:KooGate"] = _connectionString,
            ["KooGate:DataDirectory"] = _directory,
            ["KooGate:Keys:Basic"] = BasicKey,
            ["KooGate:Keys:Kit"] = KitKey,
            ["KooGate:Keys:License"] = LicenseKey,
            ["KooGate:Keys:General"] = GeneralKey,
            ["KooGate:Keys:V1"] = V1Key,
            ["KooGate:SecretsKey"] = Convert.ToBase64String(new byte[32]),
            ["KooGate:Admin:ApiKey"] = AdminApiKey,
            ["KooGate:Webhook:Secret"] = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
            ["KooGate:RsaPrivateKeyPath"] = Path.Combine(_directory, "kit.pem"),
            ["Logging:LogLevel:Default"] = "Warning",
        };
        foreach (var (key, value) in settings.Concat(_extraSettings))
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureServices(services =>
        {
            services.AddSingleton<TimeProvider>(Clock);
            _services?.Invoke(services);
        });
    }

    /// <summary>Waits until <paramref name="probe"/> finds a row in the server's database (see <see cref="NudgeUntilAsync{T}"/>).</summary>
    public Task<T> WaitForAsync<T>(Func<Server.Data.KooGateDbContext, Task<T?>> probe, string what) =>
        NudgeUntilAsync(async () =>
        {
            await using var db = OpenDb();
            return await probe(db);
        }, what);

    /// <summary>
    /// Waits for the server's background workers (which sleep on the fake clock) by nudging the shared clock a second at a
    /// time until <paramref name="probe"/> returns a value; fails after 60 nudges.
    /// </summary>
    public async Task<T> NudgeUntilAsync<T>(Func<Task<T?>> probe, string what)
    {
        for (var i = 0; i < 60; i++)
        {
            if (await probe() is { } value)
            {
                return value;
            }

            Clock.Advance(TimeSpan.FromSeconds(1));
            await Task.Delay(50);
        }

        throw new Xunit.Sdk.XunitException($"the server never got to: {what}");
    }

    public Server.Data.KooGateDbContext OpenDb() => Services.CreateScope().ServiceProvider.GetRequiredService<Server.Data.KooGateDbContext>();

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (disposing && _postgres)
        {
            Npgsql.NpgsqlConnection.ClearAllPools();
            var builder = new Npgsql.NpgsqlConnectionStringBuilder(_connectionString);
            var name = builder.Database;
            builder.Database = "postgres";
            using var connection = new Npgsql.NpgsqlConnection(builder.ConnectionString);
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = $"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)";
            command.ExecuteNonQuery();
        }

        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}

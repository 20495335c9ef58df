using KooGate.Server.Data;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace KooGate.Server.Tests.Infrastructure;

/// <summary>
/// A real KooGate server on a loopback Kestrel port with its own fresh database and a fake clock. Keys are fixed
/// so tests sign with <see cref="BasicKey"/>, <see cref="KitKey"/> and friends.
/// </summary>
public sealed class KooGateHost : WebApplicationFactory<Program>
{
    public const string BasicKey = "basic-key-0001";
    public const string PreviousBasicKey = "basic-key-0000";
    public const string KitKey = "kit-key-0001";
    public const string LicenseKey = "license-key-0001";
    public const string GeneralKey = "general-key-0001";
    public const string V1Key = "v1-key-0001";
    public const string AdminApiKey = "admin-api-key-0001";
    public const string OperatorName = "operator";
    public const string OperatorPassword = "operator-password-0001";

    /// <summary>Hashed once per test run: PBKDF2 is deliberately slow.</summary>
    private static readonly Lazy<string> OperatorPasswordHash = new(() => KooGate.Server.Admin.AdminUsers.Hash(OperatorPassword));

    private readonly string _directory = Directory.CreateTempSubdirectory("koogate-host-").FullName;
    private readonly Dictionary<string, string?> _settings;
    private readonly Action<IServiceCollection>? _services;

    /// <param name="connectionString">
    /// An existing database to share with another host (two server processes on one database); only the host that
    /// created a database drops it.
    /// </param>
    /// <param name="services">Service overrides applied after KooGate's (a seller's own provisioner, say).</param>
    public KooGateHost(
        DatabaseKind database = DatabaseKind.Sqlite, IDictionary<string, string?>? settings = null, string? connectionString = null, Action<IServiceCollection>? services = null)
    {
        _services = services;
        Database = database;
        OwnsDatabase = connectionString is null;
        ConnectionString = connectionString ?? TestDatabases.NewConnectionString(database, _directory);
        _settings = new Dictionary<string, string?>
        {
            ["ConnectionStrings:KooGate"] = ConnectionString,
            ["KooGate:DataDirectory"] = _directory,
            ["KooGate:Keys:Basic:0"] = BasicKey,
            ["KooGate:Keys:Basic:1"] = PreviousBasicKey,
            ["KooGate:Keys:Kit"] = KitKey,
            ["KooGate:Keys:License"] = LicenseKey,
            ["KooGate:Keys:General"] = GeneralKey,
            ["KooGate:Keys:V1"] = V1Key,
            ["KooGate:SecretsKey"] = Convert.ToBase64String(new byte[32]),
            ["KooGate:Admin:ApiKey"] = AdminApiKey,
            ["KooGate:Admin:Users:0:Name"] = OperatorName,
            ["KooGate:Admin:Users:0:PasswordHash"] = OperatorPasswordHash.Value,
            ["KooGate:Webhook:Secret"] = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
            ["Logging:LogLevel:Default"] = "Warning",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            _settings[key] = value;
        }

        UseKestrel(0);
    }

    public DatabaseKind Database { get; }

    public string ConnectionString { get; }

    /// <summary>False when the host was given another host's database: that host drops it.</summary>
    public bool OwnsDatabase { get; }

    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);

    /// <summary>A client for the real loopback address (starts the server on first use).</summary>
    public HttpClient Http => _http ??= CreateLoopbackClient();

    private HttpClient? _http;

    private HttpClient CreateLoopbackClient()
    {
        StartServer();
        // Enough connections for concurrency tests without opening one socket per in-flight request.
        return new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 64 }) { BaseAddress = ClientOptions.BaseAddress };
    }

    public KooGateDbContext OpenDb() => Services.CreateScope().ServiceProvider.GetRequiredService<KooGateDbContext>();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureServices(services =>
        {
            services.AddSingleton<TimeProvider>(Clock);
            _services?.Invoke(services);
        });
    }

    protected override void Dispose(bool disposing)
    {
        _http?.Dispose();
        base.Dispose(disposing);
        if (disposing && Database == DatabaseKind.Postgres && OwnsDatabase)
        {
            DropPostgresDatabase();
        }

        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private void DropPostgresDatabase()
    {
        Npgsql.NpgsqlConnection.ClearAllPools();
        var builder = new Npgsql.NpgsqlConnectionStringBuilder(ConnectionString);
        var name = builder.Database;
        builder.Database = "postgres";
        using var connection = new Npgsql.NpgsqlConnection(builder.ConnectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)";
        command.ExecuteNonQuery();
    }
}

using KooGate.Server.Data;
using KooGate.Testing.Databases;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace KooGate.Testing.Server;

/// <summary>
/// The real KooGate server in this process on a loopback Kestrel port, with its own fresh database (see
/// <see cref="KooGateHostOptions"/>). It starts on first use of <see cref="Http"/>, <see cref="BaseAddress"/> or
/// <see cref="ProductionUrl"/>; dispose stops it and drops the database it created.
/// </summary>
public sealed class KooGateHost : WebApplicationFactory<Program>
{
    private readonly string _directory = Directory.CreateTempSubdirectory("koogate-host-").FullName;
    private readonly Dictionary<string, string?> _settings;
    private readonly Action<IServiceCollection>? _services;
    private readonly TimeProvider _clock;
    private HttpClient? _http;

    public KooGateHost(KooGateHostOptions options)
    {
        Database = options.Database;
        OwnsDatabase = options.ConnectionString is null;
        ConnectionString = options.ConnectionString ?? TestDatabase.NewConnectionString(options.Database, _directory);
        _clock = options.Clock ?? new FakeTimeProvider(DateTimeOffset.UtcNow);
        _services = options.Services;
        _settings = options.ToSettings(_directory, ConnectionString);
        PrivateKeyPath = options.KitClientSecret ? _settings["KooGate:RsaPrivateKeyPath"] : null;
        PublicKeyPath = options.KitClientSecret ? Path.Combine(_directory, KitClientSecretKey.PublicKeyFile) : null;
        ProductionPath = _settings.GetValueOrDefault("KooGate:ProductionPath") ?? "/produce";
        UseKestrel(0);
    }

    /// <param name="connectionString">Another host's database to share; see <see cref="KooGateHostOptions.ConnectionString"/>.</param>
    /// <param name="services">Service overrides applied after KooGate's (a seller's own provisioner, say).</param>
    public KooGateHost(
        DatabaseKind database = DatabaseKind.Sqlite,
        IEnumerable<KeyValuePair<string, string?>>? settings = null,
        string? connectionString = null,
        Action<IServiceCollection>? services = null)
        : this(new KooGateHostOptions { Database = database, Settings = settings ?? [], ConnectionString = connectionString, Services = services })
    {
    }

    public DatabaseKind Database { get; }

    public string ConnectionString { get; }

    /// <summary>False when the host was given another host's database: that host drops it.</summary>
    public bool OwnsDatabase { get; }

    /// <summary>The server's fake clock (fails for a host on <see cref="TimeProvider.System"/>).</summary>
    public FakeTimeProvider Clock => _clock as FakeTimeProvider ?? throw new InvalidOperationException("this host keeps real time");

    /// <summary>The server's root over loopback.</summary>
    public Uri BaseAddress
    {
        get
        {
            StartServer();
            return ClientOptions.BaseAddress;
        }
    }

    public string ProductionPath { get; }

    /// <summary>The production interface's absolute URL, as registered in KooGallery or the emulator.</summary>
    public string ProductionUrl => new Uri(BaseAddress, ProductionPath).AbsoluteUri;

    /// <summary>The Kit clientSecret private key file, when <see cref="KooGateHostOptions.KitClientSecret"/>.</summary>
    public string? PrivateKeyPath { get; }

    /// <summary>The public half of <see cref="PrivateKeyPath"/> in a file (what <c>koogate check --rsa-public-key</c> reads).</summary>
    public string? PublicKeyPath { get; }

    /// <summary>The public half of the Kit clientSecret key, as KooGallery holds it.</summary>
    public string PublicKeyPem => KitClientSecretKey.PublicKeyPem;

    /// <summary>A client for the real loopback address.</summary>
    public HttpClient Http => _http ??= new HttpClient(
        // Enough connections for concurrency tests without opening one socket per in-flight request.
        new SocketsHttpHandler { MaxConnectionsPerServer = 64 })
    { BaseAddress = BaseAddress };

    public KooGateDbContext OpenDb() => Services.CreateScope().ServiceProvider.GetRequiredService<KooGateDbContext>();

    /// <summary>Waits until <paramref name="probe"/> finds a row in the server's database (see <see cref="NudgeUntilAsync{T}"/>).</summary>
    public Task<T> WaitForAsync<T>(Func<KooGateDbContext, Task<T?>> probe, string what) =>
        NudgeUntilAsync(async () =>
        {
            await using var db = OpenDb();
            return await probe(db);
        }, what);

    /// <summary>
    /// Waits for the server's background workers (which sleep on the fake clock) by nudging the clock a second at a
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

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureServices(services =>
        {
            services.AddSingleton(_clock);
            _services?.Invoke(services);
        });
    }

    protected override void Dispose(bool disposing)
    {
        _http?.Dispose();
        base.Dispose(disposing);
        if (disposing && OwnsDatabase)
        {
            TestDatabase.Drop(Database, ConnectionString);
        }

        TestDatabase.DeleteDirectory(_directory);
    }
}

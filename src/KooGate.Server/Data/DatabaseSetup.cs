using System.Data.Common;
using KooGate.Server.Configuration;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace KooGate.Server.Data;

/// <summary>
/// Chooses the provider from <c>ConnectionStrings:KooGate</c>: absent or <c>Data Source=…</c> is embedded SQLite
/// (default file <c>./data/koogate.db</c>), anything else is a PostgreSQL connection string.
/// </summary>
public static class DatabaseSetup
{
    public static bool IsSqlite(string connectionString) =>
        connectionString.TrimStart().StartsWith("Data Source", StringComparison.OrdinalIgnoreCase)
        || connectionString.TrimStart().StartsWith("Filename", StringComparison.OrdinalIgnoreCase);

    public static string ConnectionString(IConfiguration configuration, KooGateOptions options)
    {
        var configured = configuration.GetConnectionString("KooGate");
        if (!string.IsNullOrWhiteSpace(configured))
        {
            if (IsSqlite(configured))
            {
                EnsureSqliteFolder(configured);
                return configured;
            }

            return WithPoolLimit(configured);
        }

        Directory.CreateDirectory(options.DataDirectory);
        return $"Data Source={Path.Combine(options.DataDirectory, "koogate.db")}";
    }

    /// <summary>The most PostgreSQL connections one server opens unless the connection string says otherwise.</summary>
    public const int DefaultMaxPoolSize = 40;

    /// <summary>
    /// Npgsql's own default pool (100) equals PostgreSQL's default <c>max_connections</c>, so a burst of calls on one
    /// server, or two servers, made PostgreSQL refuse connections ("too many clients") and calls answer 000005. With a
    /// smaller pool a burst waits for a connection instead; the group-committing writers need only a few.
    /// </summary>
    internal static string WithPoolLimit(string connectionString)
    {
        var builder = new DbConnectionStringBuilder { ConnectionString = connectionString };
        string[] names = ["Maximum Pool Size", "MaxPoolSize"];
        if (!names.Any(builder.ContainsKey))
        {
            builder["Maximum Pool Size"] = DefaultMaxPoolSize;
        }

        return builder.ConnectionString;
    }

    /// <summary>SQLite creates the file but not its folder: a configured path in a new folder would fail at start.</summary>
    private static void EnsureSqliteFolder(string connectionString)
    {
        var file = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(connectionString).DataSource;
        if (file.Length > 0 && file != ":memory:" && !file.StartsWith("file:", StringComparison.OrdinalIgnoreCase)
            && Path.GetDirectoryName(Path.GetFullPath(file)) is { Length: > 0 } folder)
        {
            Directory.CreateDirectory(folder);
        }
    }

    /// <summary>Registers both providers lazily; <see cref="KooGateDbContext"/> resolves to the configured one.</summary>
    public static IServiceCollection AddKooGateDatabase(this IServiceCollection services)
    {
        services.AddSingleton(sp => new ResolvedConnection(ConnectionString(
            sp.GetRequiredService<IConfiguration>(), sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<KooGateOptions>>().Value)));
        services.AddDbContextPool<SqliteKooGateDbContext>((sp, o) => o
            .UseSqlite(sp.GetRequiredService<ResolvedConnection>().Value)
            .AddInterceptors(new SqlitePragmas())
            .ConfigureWarnings(QuietExpectedFailures));
        services.AddDbContextPool<PostgresKooGateDbContext>((sp, o) => o
            .UseNpgsql(sp.GetRequiredService<ResolvedConnection>().Value)
            .ConfigureWarnings(QuietExpectedFailures));
        services.AddScoped<KooGateDbContext>(sp => sp.GetRequiredService<ResolvedConnection>().IsSqlite
            ? sp.GetRequiredService<SqliteKooGateDbContext>()
            : sp.GetRequiredService<PostgresKooGateDbContext>());
        services.AddSingleton<HotPathWriters>();
        return services;
    }

    /// <summary>
    /// Unique violations are how idempotency works (replayed nonce, concurrent duplicate create): EF would log each at
    /// error level. Failures still surface as exceptions, which the callers log when they are not expected.
    /// </summary>
    private static void QuietExpectedFailures(WarningsConfigurationBuilder warnings) => warnings
        .Log((CoreEventId.SaveChangesFailed, LogLevel.Debug))
        .Log((RelationalEventId.CommandError, LogLevel.Debug));

    /// <summary>The connection string in use and whether it is SQLite.</summary>
    public sealed record ResolvedConnection(string Value)
    {
        public bool IsSqlite { get; } = DatabaseSetup.IsSqlite(Value);
    }

    /// <summary>Applies pending migrations (EF Core serialises concurrent migrators with a lock).</summary>
    public static async Task MigrateAsync(IServiceProvider services, CancellationToken cancellationToken = default)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<KooGateDbContext>();
        await db.Database.MigrateAsync(cancellationToken);
        if (db.Database.IsSqlite())
        {
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        }
    }

    /// <summary>
    /// WAL with synchronous=NORMAL survives a process crash; a busy timeout lets concurrent writers queue. Checkpoints
    /// every 10,000 pages (~40 MB of WAL) instead of 1,000: each checkpoint rewrites the hot index pages and syncs, and
    /// at a thousand purchases a second the default checkpointed several times a second (docs/benchmarks.md). The
    /// settings belong to the physical connection, which the pool keeps open, so they are applied once per connection.
    /// </summary>
    private sealed class SqlitePragmas : DbConnectionInterceptor
    {
        private const string Pragmas = "PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=30000; PRAGMA foreign_keys=ON; PRAGMA wal_autocheckpoint=10000;";

        private readonly System.Runtime.CompilerServices.ConditionalWeakTable<object, object> _configured = [];

        public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
        {
            if (NeedsPragmas(connection))
            {
                using var command = connection.CreateCommand();
                command.CommandText = Pragmas;
                command.ExecuteNonQuery();
            }
        }

        public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
        {
            if (NeedsPragmas(connection))
            {
                await using var command = connection.CreateCommand();
                command.CommandText = Pragmas;
                await command.ExecuteNonQueryAsync(cancellationToken);
            }
        }

        private bool NeedsPragmas(DbConnection connection) =>
            connection is not Microsoft.Data.Sqlite.SqliteConnection { Handle: { } handle } || _configured.TryAdd(handle, handle);
    }
}

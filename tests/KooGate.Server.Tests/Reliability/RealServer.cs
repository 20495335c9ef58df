using System.Data.Common;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using KooGate.Protocol;
using KooGate.Protocol.Signing;
using KooGate.Server.Tests.Infrastructure;
using KooGate.Testing.Databases;
using KooGate.Testing.Processes;

namespace KooGate.Server.Tests.Reliability;

/// <summary>
/// Real server processes (<see cref="ServerProcess.StartBuiltAsync"/>) configured only through environment variables,
/// with a database that outlives them: a SQLite file under the data directory or a fresh PostgreSQL database.
/// </summary>
internal sealed class RealServer : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("koogate-real-").FullName;

    public RealServer(DatabaseKind database)
    {
        Database = database;
        // Each process keeps its pool small: several processes share PostgreSQL's 100 connections.
        ConnectionString = database == DatabaseKind.Sqlite
            ? $"Data Source={Path.Combine(_directory, "data", "koogate.db")}"
            : new Npgsql.NpgsqlConnectionStringBuilder(TestDatabase.NewConnectionString(database, _directory))
            {
                MaxPoolSize = 30,
                Timeout = 60,
            }.ConnectionString;
    }

    public DatabaseKind Database { get; }

    public string ConnectionString { get; }

    public static string NewKey() => RandomNumberGenerator.GetHexString(32, lowercase: true);

    public string SecretsKey { get; } = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    /// <summary>Starts one server process on this database with the given basic keys (<c>current,previous</c>).</summary>
    public Task<ServerProcess> StartAsync(string basicKeys, IReadOnlyDictionary<string, string>? extra = null)
    {
        var environment = new Dictionary<string, string>
        {
            ["KooGate__Keys__Basic"] = basicKeys,
            ["KooGate__DataDirectory"] = Path.Combine(_directory, "data"),
            ["KooGate__SecretsKey"] = SecretsKey,
            ["KooGate__Admin__ApiKey"] = "reliability-admin-key",
            ["KooGate__Webhook__Secret"] = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
            ["KooGate__Provisioning__FrontEndUrlTemplate"] = "https://app.test/{instanceId}",
            // Load and crash tests on a loaded machine: answers, not the 4 s deadline, are under test here.
            ["KooGate__CallDeadlineMilliseconds"] = "30000",
            ["Logging__LogLevel__Default"] = "Warning",
            ["DOTNET_NOLOGO"] = "1",
        };
        if (Database == DatabaseKind.Postgres)
        {
            // SQLite is the default: no connection string, the file lives in the data directory.
            environment["ConnectionStrings__KooGate"] = ConnectionString;
        }

        foreach (var (name, value) in extra ?? new Dictionary<string, string>())
        {
            environment[name] = value;
        }

        return ServerProcess.StartBuiltAsync(environment, TimeSpan.FromSeconds(60));
    }

    /// <summary>Every stored instance as (instanceId, orderId), read straight from the database.</summary>
    public async Task<List<(string InstanceId, string OrderId)>> InstancesAsync()
    {
        await using DbConnection connection = Database == DatabaseKind.Sqlite
            ? new Microsoft.Data.Sqlite.SqliteConnection(ConnectionString)
            : new Npgsql.NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = """SELECT "InstanceId", "OrderId" FROM "Instances" """;
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<(string, string)>();
        while (await reader.ReadAsync())
        {
            rows.Add((reader.GetString(0), reader.GetString(1)));
        }

        return rows;
    }

    public void Dispose()
    {
        TestDatabase.Drop(Database, ConnectionString);
        TestDatabase.DeleteDirectory(_directory);
    }
}

/// <summary>KooGallery against a server process: V2 calls signed with the real clock, fresh nonce each.</summary>
internal sealed class RealClockMarketplace(HttpClient http)
{
    public static HttpClient NewHttpClient(int connectionsPerServer = 64) =>
        new(new SocketsHttpHandler { MaxConnectionsPerServer = connectionsPerServer }) { Timeout = TimeSpan.FromSeconds(60) };

    public async Task<ProduceReply> PostAsync(Uri server, string key, object body, CancellationToken cancellationToken = default)
    {
        var text = JsonSerializer.Serialize(body);
        var timestamp = KooTime.ToEpochMilliseconds(TimeProvider.System.GetUtcNow());
        var nonce = Guid.NewGuid().ToString("N");
        var signature = V2Signature.Compute(key, nonce, timestamp, text).ToUpperInvariant();
        using var content = new StringContent(text, new UTF8Encoding(false), new MediaTypeHeaderValue("application/json"));
        var response = await http.PostAsync(new Uri(server, $"/produce?signature={signature}&timestamp={timestamp}&nonce={nonce}"), content, cancellationToken);
        return new ProduceReply(response, await response.Content.ReadAsStringAsync(cancellationToken));
    }

    public static object NewInstance(string orderId, string businessId) =>
        new { activity = "newInstance", orderId, orderLineId = orderId + "-000001", businessId };
}

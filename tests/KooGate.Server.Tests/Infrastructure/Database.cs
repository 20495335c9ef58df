namespace KooGate.Server.Tests.Infrastructure;

/// <summary>The two real databases the suite runs on.</summary>
public enum DatabaseKind
{
    Sqlite,
    Postgres,
}

internal static class TestDatabases
{
    /// <summary>Set by <c>.ci/run</c>, which starts PostgreSQL; tests on PostgreSQL fail loudly without it in CI.</summary>
    public static string? PostgresServer => Environment.GetEnvironmentVariable("KOOGATE_TEST_POSTGRES");

    /// <summary>A fresh, empty database per test host.</summary>
    public static string NewConnectionString(DatabaseKind kind, string directory)
    {
        if (kind == DatabaseKind.Sqlite)
        {
            return $"Data Source={Path.Combine(directory, "koogate.db")}";
        }

        var server = PostgresServer ?? (Environment.GetEnvironmentVariable("CI") is null
            ? "Host=127.0.0.1;Port=5432;Username=postgres;Password=postgres;Database=postgres"
            : throw new InvalidOperationException("KOOGATE_TEST_POSTGRES is not set; .ci/run starts PostgreSQL and sets it"));
        var database = "koogate_test_" + Guid.NewGuid().ToString("N")[..12];
        return new Npgsql.NpgsqlConnectionStringBuilder(server) { Database = database }.ConnectionString;
    }
}

using System.Data.Common;

namespace KooGate.Bench;

/// <summary>The server's rule: <c>Data Source=…</c> is SQLite, anything else a PostgreSQL connection string.</summary>
internal static class BenchDatabase
{
    public static bool IsSqlite(string connectionString) =>
        connectionString.TrimStart().StartsWith("Data Source", StringComparison.OrdinalIgnoreCase);

    public static DbConnection Open(string connectionString) => IsSqlite(connectionString)
        ? new Microsoft.Data.Sqlite.SqliteConnection(connectionString)
        : new Npgsql.NpgsqlConnection(connectionString);
}

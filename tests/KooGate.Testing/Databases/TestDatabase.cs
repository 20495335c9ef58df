namespace KooGate.Testing.Databases;

/// <summary>A fresh, empty database per host: a SQLite file in the host's directory or a new PostgreSQL database.</summary>
public static class TestDatabase
{
    private const string LocalPostgres = "Host=127.0.0.1;Port=5432;Username=postgres;Password=postgres;Database=postgres";

    /// <summary>Set by <c>.ci/run</c>, which starts PostgreSQL; tests on PostgreSQL fail loudly without it in CI.</summary>
    public static string? PostgresServer => Environment.GetEnvironmentVariable("KOOGATE_TEST_POSTGRES");

    /// <param name="fileName">The SQLite file in <paramref name="directory"/>; PostgreSQL ignores it.</param>
    public static string NewConnectionString(DatabaseKind kind, string directory, string fileName = "koogate.db")
    {
        if (kind == DatabaseKind.Sqlite)
        {
            return $"Data Source={Path.Combine(directory, fileName)}";
        }

        var server = PostgresServer ?? (Environment.GetEnvironmentVariable("CI") is null
            ? LocalPostgres
            : throw new InvalidOperationException("KOOGATE_TEST_POSTGRES is not set; .ci/run starts PostgreSQL and sets it"));
        var database = "koogate_test_" + Guid.NewGuid().ToString("N")[..12];
        return new Npgsql.NpgsqlConnectionStringBuilder(server) { Database = database }.ConnectionString;
    }

    /// <summary>Drops a PostgreSQL database made by <see cref="NewConnectionString"/> (its sessions too); SQLite files go with their directory.</summary>
    public static void Drop(DatabaseKind kind, string connectionString)
    {
        if (kind == DatabaseKind.Sqlite)
        {
            return;
        }

        Npgsql.NpgsqlConnection.ClearAllPools();
        var builder = new Npgsql.NpgsqlConnectionStringBuilder(connectionString);
        var name = builder.Database;
        builder.Database = "postgres";
        using var connection = new Npgsql.NpgsqlConnection(builder.ConnectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)";
        command.ExecuteNonQuery();
    }

    /// <summary>Deletes a host's temporary directory, leaving it behind when a file is still held open.</summary>
    public static void DeleteDirectory(string directory)
    {
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}

using KooGate.Server.Data;
using Microsoft.Extensions.Configuration;
using Npgsql;

namespace KooGate.Server.Tests.Storage;

/// <summary>
/// PostgreSQL refuses connections beyond its <c>max_connections</c> (100 by default), which Npgsql's own pool default
/// (100) reaches alone: the server's pool is capped below it unless the connection string says otherwise.
/// </summary>
public sealed class ConnectionPoolLimitTests
{
    [Fact]
    public void A_PostgreSQL_connection_string_without_a_pool_size_gets_the_server_default()
    {
        var limited = DatabaseSetup.WithPoolLimit("Host=127.0.0.1;Port=5432;Username=u;Password=p;Database=koogate");

        var parsed = new NpgsqlConnectionStringBuilder(limited);
        Assert.Equal(DatabaseSetup.DefaultMaxPoolSize, parsed.MaxPoolSize);
        Assert.True(DatabaseSetup.DefaultMaxPoolSize < 100);
        Assert.Equal("koogate", parsed.Database);
        Assert.Equal("p", parsed.Password);
    }

    [Theory]
    [InlineData("Host=db;Database=k;Maximum Pool Size=7")]
    [InlineData("Host=db;Database=k;maxpoolsize=7")]
    public void A_pool_size_the_operator_set_is_kept(string connectionString)
    {
        Assert.Equal(7, new NpgsqlConnectionStringBuilder(DatabaseSetup.WithPoolLimit(connectionString)).MaxPoolSize);
    }

    [Fact]
    public void SQLite_connection_strings_are_left_as_written()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["ConnectionStrings:KooGate"] = "Data Source=:memory:" })
            .Build();

        Assert.Equal("Data Source=:memory:", DatabaseSetup.ConnectionString(configuration, new Configuration.KooGateOptions()));
    }
}

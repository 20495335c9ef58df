using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace KooGate.Server.Data;

/// <summary>Lets <c>dotnet ef migrations add X --context SqliteKooGateDbContext</c> build the model without the app.</summary>
internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteKooGateDbContext>
{
    public SqliteKooGateDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteKooGateDbContext>().UseSqlite("Data Source=design.db").Options);
}

/// <summary>Lets <c>dotnet ef migrations add X --context PostgresKooGateDbContext</c> build the model without a server.</summary>
internal sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresKooGateDbContext>
{
    public PostgresKooGateDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresKooGateDbContext>().UseNpgsql("Host=localhost;Database=design").Options);
}

using System.Data.Common;
using System.Diagnostics;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace KooGate.Bench;

/// <summary>
/// Fills the server's database with N provisioned instances and the rows a real <c>newInstance</c> leaves behind
/// (two instance events, the order row, the callback log entry), in one set-based statement per table.
/// </summary>
internal static class Prefill
{
    // The same SQL runs on SQLite and PostgreSQL: a recursive counter, string concatenation, typed parameters.
    private const string Counter = """WITH RECURSIVE s(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM s WHERE i < @count) """;

    private static readonly string[] Statements =
    [
        Counter + """
            INSERT INTO "Instances" ("InstanceId", "OrderId", "OrderLineId", "IsTest", "State", "CreatedAt", "UpdatedAt",
                                     "FrontEndUrl", "UserName", "ProtectedPassword", "Version")
            SELECT @prefix || i, @prefix || 'ORD' || i, @prefix || 'ORD' || i || '-000001', @no, 'Active', @now, @now,
                   'https://app.example.com/' || @prefix || i, 'admin', @password, 0 FROM s
            """,
        Counter + """
            INSERT INTO "InstanceEvents" ("InstanceId", "At", "Type", "FromState", "ToState", "OrderId")
            SELECT @prefix || i, @now, 'created', NULL, 'Provisioning', @prefix || 'ORD' || i FROM s
            UNION ALL
            SELECT @prefix || i, @now, 'provisioned', 'Provisioning', 'Active', NULL FROM s
            """,
        Counter + """
            INSERT INTO "Orders" ("OrderId", "OrderLineId", "InstanceId", "Status", "Attempts", "NextAttemptAt", "Version")
            SELECT @prefix || 'ORD' || i, @prefix || 'ORD' || i || '-000001', @prefix || i, 'NotConfigured', 0, @now, 0 FROM s
            """,
        Counter + """
            INSERT INTO "CallbackLogs" ("ReceivedAt", "Family", "Activity", "Method", "Path", "Query", "RequestBody", "ResultCode",
                                        "ResponseBody", "Verdict", "ElapsedMilliseconds", "InstanceId", "OrderId", "IsTest")
            SELECT @now, 'saas-v2', 'newInstance', 'POST', '/produce', 'signature=***&timestamp=0&nonce=' || i,
                   '{"activity":"newInstance","businessId":"' || @prefix || i || '"}', '000000',
                   '{"resultCode":"000000","resultMsg":"success.","instanceId":"' || @prefix || i || '"}',
                   'signature valid (RawBody, key 0)', 1.0, @prefix || i, @prefix || 'ORD' || i, @no FROM s
            """,
    ];

    public static async Task<int> RunAsync(Options options)
    {
        var connectionString = options.Text("db");
        var sqlite = BenchDatabase.IsSqlite(connectionString);
        var watch = Stopwatch.StartNew();
        await using var connection = BenchDatabase.Open(connectionString);
        await connection.OpenAsync();

        // A password protected by the running server (same secrets key), so queries decrypt as they do for real rows.
        await using var passwordQuery = connection.CreateCommand();
        passwordQuery.CommandText = """SELECT "ProtectedPassword" FROM "Instances" WHERE "ProtectedPassword" IS NOT NULL LIMIT 1""";
        var password = await passwordQuery.ExecuteScalarAsync() as string;

        var now = DateTimeOffset.UtcNow;
        await using var transaction = await connection.BeginTransactionAsync();
        foreach (var sql in Statements)
        {
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = sql;
            command.CommandTimeout = 600;
            Add(command, "count", options.Number("count"));
            Add(command, "prefix", options.Text("prefix"));
            Add(command, "no", false);
            Add(command, "now", sqlite ? new DateTimeOffsetToBinaryConverter().ConvertToProvider(now)! : now);
            Add(command, "password", (object?)password ?? DBNull.Value, System.Data.DbType.String);
            await command.ExecuteNonQueryAsync();
        }

        await transaction.CommitAsync();
        if (!sqlite)
        {
            await using var analyze = connection.CreateCommand();
            analyze.CommandText = "ANALYZE";
            await analyze.ExecuteNonQueryAsync();
        }

        Console.WriteLine($"prefilled {options.Number("count")} instances in {watch.Elapsed.TotalSeconds:0.0} s");
        return 0;
    }

    private static void Add(DbCommand command, string name, object value, System.Data.DbType? type = null)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        if (type is { } t)
        {
            parameter.DbType = t;
        }

        command.Parameters.Add(parameter);
    }
}

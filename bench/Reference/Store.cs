using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using KooGate.Protocol;
using Microsoft.Data.Sqlite;

namespace KooGate.Bench.Reference;

/// <summary>
/// One writer connection and one loop: calls queue up, the loop runs every queued call's statements (prepared once)
/// in one transaction, each inside its own savepoint so a failing call fails alone, and answers them after COMMIT.
/// </summary>
internal sealed class Store : IAsyncDisposable
{
    private const int MaxBatch = 256;

    private readonly Channel<Pending> _queue = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = true });
    private readonly SqliteConnection _db;
    private readonly Dictionary<string, SqliteCommand> _prepared = [];
    private readonly Task _loop;

    private Store(SqliteConnection db)
    {
        _db = db;
        _loop = Task.Run(LoopAsync);
    }

    public static Store Open(string file, string synchronous)
    {
        var db = new SqliteConnection($"Data Source={file};Pooling=False");
        db.Open();
        Execute(db, $"""
            PRAGMA journal_mode=WAL; PRAGMA synchronous={synchronous}; PRAGMA wal_autocheckpoint=10000;
            CREATE TABLE IF NOT EXISTS "SeenNonces" ("Nonce" TEXT PRIMARY KEY, "SeenAt" INTEGER NOT NULL);
            CREATE TABLE IF NOT EXISTS "Instances" ("InstanceId" TEXT PRIMARY KEY, "OrderId" TEXT NOT NULL,
                "OrderLineId" TEXT NOT NULL, "IsTest" INTEGER NOT NULL, "State" TEXT NOT NULL, "CreatedAt" INTEGER NOT NULL);
            CREATE UNIQUE INDEX IF NOT EXISTS "IX_Instances_Order" ON "Instances" ("OrderId", "OrderLineId", "IsTest");
            CREATE TABLE IF NOT EXISTS "CallbackLogs" ("Id" INTEGER PRIMARY KEY, "ReceivedAt" INTEGER NOT NULL, "Activity" TEXT,
                "Query" TEXT NOT NULL, "RequestBody" TEXT NOT NULL, "ResultCode" TEXT NOT NULL, "ResponseBody" TEXT NOT NULL,
                "Verdict" TEXT NOT NULL, "InstanceId" TEXT);
            """);
        return new Store(db);
    }

    /// <summary>The reply body, once the call's rows are committed.</summary>
    public Task<byte[]> RunAsync(Call call)
    {
        var pending = new Pending(call.Check.IsValid ? call.Parsed() : call, new(TaskCreationOptions.RunContinuationsAsynchronously));
        return _queue.Writer.TryWrite(pending) ? pending.Reply.Task : Task.FromException<byte[]>(new ObjectDisposedException(nameof(Store)));
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _loop;
        await _db.DisposeAsync();
    }

    private async Task LoopAsync()
    {
        var batch = new List<(Pending Call, byte[]? Reply, Exception? Error)>(MaxBatch);
        while (await _queue.Reader.WaitToReadAsync())
        {
            while (batch.Count < MaxBatch && _queue.Reader.TryRead(out var pending))
            {
                batch.Add((pending, null, null));
            }

            try
            {
                Run("BEGIN IMMEDIATE");
                for (var i = 0; i < batch.Count; i++)
                {
                    Run("SAVEPOINT call");
                    try
                    {
                        batch[i] = (batch[i].Call, Answer(batch[i].Call.Call), null);
                        Run("RELEASE call");
                    }
                    catch (SqliteException e)
                    {
                        Run("ROLLBACK TO call");
                        Run("RELEASE call");
                        batch[i] = (batch[i].Call, null, e);
                    }
                }

                Run("COMMIT");
                foreach (var (call, reply, error) in batch)
                {
                    _ = reply is null ? call.Reply.TrySetException(error!) : call.Reply.TrySetResult(reply);
                }
            }
            catch (SqliteException e)
            {
                TryRun("ROLLBACK"); // a failed COMMIT or BEGIN: end whatever is open
                batch.ForEach(item => item.Call.Reply.TrySetException(e));
            }

            batch.Clear();
        }
    }

    /// <summary>The call's rows (nonce, instance, log) and its reply, inside the batch's transaction.</summary>
    private byte[] Answer(Call call)
    {
        var (code, instanceId) = !call.Check.IsValid ? (call.Check.Code, null)
            : Run("""INSERT INTO "SeenNonces" VALUES ($1, $2) ON CONFLICT DO NOTHING""", call.Nonce, call.At.ToUnixTimeMilliseconds()) == 0
                ? (ResultCode.InvalidParameter.WithMessage("nonce has already been used"), null)
                : call.Activity switch
                {
                    "newInstance" when call is { OrderId: { } order, OrderLineId: { } line, BusinessId: { } business } => Create(call, order, line, business),
                    "queryInstance" when call.InstanceId is { } id =>
                        Scalar("""SELECT "InstanceId" FROM "Instances" WHERE "InstanceId" = $1""", id) is { } found
                            ? (ResultCode.Success, found)
                            : (ResultCode.InstanceNotFound.WithMessage("no such instance"), id),
                    _ => (ResultCode.InvalidParameter.WithMessage("activity or its fields are missing"), (string?)null),
                };
        var reply = Reply(code, instanceId, call.Activity == "queryInstance" && code == ResultCode.Success);
        Run("""INSERT INTO "CallbackLogs" VALUES (NULL, $1, $2, $3, $4, $5, $6, $7, $8)""", call.At.ToUnixTimeMilliseconds(), call.Activity,
            call.Query, Encoding.UTF8.GetString(call.Body, 0, call.Check.IsValid ? call.Body.Length : Math.Min(call.Body.Length, 4096)),
            code.Code, Encoding.UTF8.GetString(reply), call.Check.Reason, instanceId);
        return reply;
    }

    /// <summary>Idempotent on the order line: a repeated order answers with the first call's instance.</summary>
    private (ResultCode, string?) Create(Call call, string orderId, string orderLineId, string businessId)
    {
        if (Run("""INSERT INTO "Instances" VALUES ($1, $2, $3, $4, 'Active', $5) ON CONFLICT DO NOTHING""",
                businessId, orderId, orderLineId, call.IsTest ? 1 : 0, call.At.ToUnixTimeMilliseconds()) == 1)
        {
            return (ResultCode.Success, businessId);
        }

        return Scalar("""SELECT "InstanceId" FROM "Instances" WHERE "OrderId" = $1 AND "OrderLineId" = $2 AND "IsTest" = $3""",
                orderId, orderLineId, call.IsTest ? 1 : 0) is { } existing
            ? (ResultCode.Success, existing)
            : (ResultCode.InvalidParameter.WithMessage("businessId is already the instance of another order"), null);
    }

    private static byte[] Reply(ResultCode code, string? instanceId, bool asInfo)
    {
        using var output = new MemoryStream(160);
        using (var writer = new Utf8JsonWriter(output))
        {
            writer.WriteStartObject();
            writer.WriteString("resultCode", code.Code);
            writer.WriteString("resultMsg", code.Message);
            if (asInfo)
            {
                writer.WriteStartArray("info");
                writer.WriteStartObject();
                writer.WriteString("instanceId", instanceId);
                writer.WriteEndObject();
                writer.WriteEndArray();
            }
            else if (instanceId is not null)
            {
                writer.WriteString("instanceId", instanceId);
            }

            writer.WriteEndObject();
        }

        return output.ToArray();
    }

    private int Run(string sql, params object?[] values) => Prepared(sql, values).ExecuteNonQuery();

    private string? Scalar(string sql, params object?[] values) => Prepared(sql, values).ExecuteScalar() as string;

    private void TryRun(string sql)
    {
        try
        {
            Run(sql);
        }
        catch (SqliteException)
        {
            // Nothing was open.
        }
    }

    /// <summary>One command per statement text, kept for the process's life: SQLite compiles each statement once.</summary>
    private SqliteCommand Prepared(string sql, object?[] values)
    {
        if (!_prepared.TryGetValue(sql, out var command))
        {
            command = _db.CreateCommand();
            command.CommandText = sql;
            for (var i = 1; i <= values.Length; i++)
            {
                command.Parameters.Add(new SqliteParameter($"${i}", null));
            }

            command.Prepare();
            _prepared[sql] = command;
        }

        for (var i = 0; i < values.Length; i++)
        {
            command.Parameters[i].Value = values[i] ?? DBNull.Value;
        }

        return command;
    }

    private static void Execute(SqliteConnection db, string sql)
    {
        using var command = db.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private sealed record Pending(Call Call, TaskCompletionSource<byte[]> Reply);
}

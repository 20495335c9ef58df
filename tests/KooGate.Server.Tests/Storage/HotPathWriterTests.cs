using KooGate.Server.Data;
using KooGate.Server.Tests.Infrastructure;
using KooGate.Testing.Databases;
using KooGate.Testing.Server;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace KooGate.Server.Tests.Storage;

/// <summary>The production interface's group-committing writer: batches share commits, never callers' fates.</summary>
public abstract class HotPathWriterTests(DatabaseKind database) : IDisposable
{
    private readonly KooGateHost _host = new(database);

    public void Dispose() => _host.Dispose();

    private HotPathWriters Writers => _host.Services.GetRequiredService<HotPathWriters>();

    [Fact]
    public async Task Every_row_of_concurrent_calls_is_committed_before_its_call_returns_and_batches_share_commits()
    {
        var writer = Writers.Purchases;
        var before = writer.Commits;
        var now = _host.Clock.GetUtcNow();

        var results = await Task.WhenAll(Enumerable.Range(0, 300).Select(i => writer.InsertAsync([Instance($"i-{i}", $"o-{i}", now), Log($"o-{i}", now)])));

        Assert.All(results, Assert.Null);
        using var db = _host.OpenDb();
        Assert.Equal(300, await db.Instances.CountAsync(i => i.InstanceId.StartsWith("i-")));
        Assert.Equal(300, await db.CallbackLogs.CountAsync(l => l.OrderId!.StartsWith("o-")));
        // Handed over together, 300 calls need far fewer than 300 transactions.
        Assert.InRange(writer.Commits - before, 1, 299);
    }

    [Fact]
    public async Task A_refused_call_in_a_batch_fails_alone_and_the_others_commit()
    {
        var writer = Writers.Purchases;
        var now = _host.Clock.GetUtcNow();
        Assert.Null(await writer.InsertAsync([Instance("taken", "o-taken", now)]));

        // Queued without waiting, so they share batches with the refused one.
        var calls = Enumerable.Range(0, 100)
            .Select(i => i == 50 ? writer.InsertAsync([Instance("taken", "o-other", now), Log("o-dup", now)]) : writer.InsertAsync([Log($"o-{i}", now)]))
            .ToList();
        var results = await Task.WhenAll(calls);

        Assert.IsType<DbUpdateException>(results[50], exactMatch: false);
        Assert.All(results.Where((_, i) => i != 50), Assert.Null);
        using var db = _host.OpenDb();
        Assert.Equal(99, await db.CallbackLogs.CountAsync(l => l.OrderId!.StartsWith("o-")));
        Assert.False(await db.CallbackLogs.AnyAsync(l => l.OrderId == "o-dup"));
        Assert.Equal("o-taken", (await db.Instances.SingleAsync(i => i.InstanceId == "taken")).OrderId);
    }

    [Fact]
    public async Task Nonces_and_rows_in_one_batch_each_get_their_own_answer()
    {
        var now = _host.Clock.GetUtcNow();
        var nonces = Writers.Nonces;
        var rows = Writers.CallbackLog;
        var calls = Enumerable.Range(0, 40).Select(i => (
            Nonce: nonces.TryRecordNonceAsync($"Basic:n-{i % 20}", now),
            Row: rows.InsertAsync([Log($"o-{i}", now)]))).ToList();

        var fresh = await Task.WhenAll(calls.Select(c => c.Nonce));
        var written = await Task.WhenAll(calls.Select(c => c.Row));

        // Twenty distinct nonces, each sent twice: exactly one of each pair is new.
        Assert.Equal(20, fresh.Count(f => f));
        Assert.All(Enumerable.Range(0, 20), i => Assert.True(fresh[i] ^ fresh[i + 20]));
        Assert.All(written, Assert.Null);
        Assert.False(await nonces.TryRecordNonceAsync("Basic:n-3", now));
    }

    [Fact]
    public async Task Disposing_commits_what_was_handed_over_and_refuses_what_comes_after()
    {
        var now = _host.Clock.GetUtcNow();
        var writers = Writers;
        var pending = Enumerable.Range(0, 50).Select(i => writers.CallbackLog.InsertAsync([Log($"o-{i}", now)])).ToList();

        await writers.DisposeAsync();

        Assert.All(await Task.WhenAll(pending), Assert.Null);
        Assert.IsType<ObjectDisposedException>(await writers.CallbackLog.InsertAsync([Log("late", now)]));
        using var db = _host.OpenDb();
        Assert.Equal(50, await db.CallbackLogs.CountAsync(l => l.OrderId!.StartsWith("o-")));
    }

    [Fact]
    public void Sqlite_shares_one_writer_for_its_single_write_lock_and_PostgreSQL_writes_in_parallel()
    {
        var writers = Writers;
        var shared = ReferenceEquals(writers.Nonces, writers.Purchases) && ReferenceEquals(writers.Nonces, writers.CallbackLog);
        Assert.Equal(database == DatabaseKind.Sqlite, shared);
    }

    /// <summary>
    /// The writer inserts without EF's update pipeline (<see cref="HotPathWriterInserts"/>): every column of every
    /// hot-path row type, converters included (enums as text, DateTimeOffset as ticks on SQLite), reads back through EF
    /// exactly as it was handed over, and store-generated keys are read back into the entities.
    /// </summary>
    [Fact]
    public async Task Every_column_of_every_hot_path_row_type_round_trips_through_the_prepared_inserts()
    {
        var now = _host.Clock.GetUtcNow();
        Type[] types = [typeof(InstanceRecord), typeof(InstancePurchase), typeof(InstanceEvent), typeof(OrderDetails), typeof(OutboxMessage), typeof(CallbackLog), typeof(SeenNonce)];
        using var db = _host.OpenDb();
        var rows = types.Select(t => Filled(db.Model.FindEntityType(t)!, now)).ToList();

        Assert.Null(await Writers.Purchases.InsertAsync(rows));

        foreach (var row in rows)
        {
            var entityType = db.Model.FindEntityType(row.GetType())!;
            var key = entityType.FindPrimaryKey()!.Properties;
            Assert.All(key, k => Assert.NotEqual(k.Sentinel, k.PropertyInfo!.GetValue(row)));
            var stored = await db.FindAsync(row.GetType(), [.. key.Select(k => k.PropertyInfo!.GetValue(row))]);
            Assert.NotNull(stored);
            foreach (var property in entityType.GetProperties())
            {
                Assert.True(Equals(property.PropertyInfo!.GetValue(row), property.PropertyInfo.GetValue(stored)), $"{entityType.ClrType.Name}.{property.Name}");
            }
        }
    }

    /// <summary>A new entity with every mapped property set to a value unlike its default (a generated key left to the database).</summary>
    private static object Filled(Microsoft.EntityFrameworkCore.Metadata.IEntityType entityType, DateTimeOffset now)
    {
        var row = Activator.CreateInstance(entityType.ClrType)!;
        var n = 0;
        foreach (var property in entityType.GetProperties().Where(p => p.ValueGenerated == Microsoft.EntityFrameworkCore.Metadata.ValueGenerated.Never))
        {
            n++;
            var type = Nullable.GetUnderlyingType(property.ClrType) ?? property.ClrType;
            object value = type switch
            {
                _ when type == typeof(string) => $"{n}{property.Name}"[..Math.Min($"{n}{property.Name}".Length, property.GetMaxLength() ?? 100)],
                _ when type.IsEnum => Enum.GetValues(type).Cast<object>().Last(),
                _ when type == typeof(bool) => true,
                _ when type == typeof(Guid) => Guid.NewGuid(),
                _ when type == typeof(int) => 1000 + n,
                _ when type == typeof(long) => 100_000L + n,
                _ when type == typeof(decimal) => 12.5m + n,
                _ when type == typeof(double) => 0.5 + n,
                _ when type == typeof(DateTimeOffset) => new DateTimeOffset(now.UtcTicks - (now.UtcTicks % TimeSpan.TicksPerSecond), TimeSpan.Zero).AddSeconds(n),
                _ => throw new InvalidOperationException($"no test value for {entityType.ClrType.Name}.{property.Name} ({type})"),
            };
            property.PropertyInfo!.SetValue(row, value);
        }

        return row;
    }

    private static InstanceRecord Instance(string id, string orderId, DateTimeOffset now) => new()
    {
        InstanceId = id,
        OrderId = orderId,
        OrderLineId = orderId + "-1",
        IsTest = true,
        State = InstanceState.Active,
        CreatedAt = now,
        UpdatedAt = now,
    };

    private static CallbackLog Log(string orderId, DateTimeOffset now) => new()
    {
        ReceivedAt = now,
        Family = "saas-v2",
        Activity = "newInstance",
        Method = "POST",
        Path = "/produce",
        Query = string.Empty,
        ResultCode = "000000",
        ResponseBody = "{}",
        Verdict = "test",
        OrderId = orderId,
    };
}

public sealed class HotPathWriterOnSqlite() : HotPathWriterTests(DatabaseKind.Sqlite);

public sealed class HotPathWriterOnPostgres() : HotPathWriterTests(DatabaseKind.Postgres);

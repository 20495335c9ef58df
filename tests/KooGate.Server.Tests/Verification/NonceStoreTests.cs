using KooGate.Server.Produce;
using KooGate.Server.Produce.Verification;
using KooGate.Server.Tests.Infrastructure;
using KooGate.Testing.Databases;
using KooGate.Testing.Server;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace KooGate.Server.Tests.Verification;

/// <summary>The group-committed nonce store and callback log: batching must never merge two calls' fates.</summary>
public abstract class NonceStoreTests(DatabaseKind database) : IDisposable
{
    private readonly KooGateHost _host = new(database);

    public void Dispose() => _host.Dispose();

    [Fact]
    public async Task Concurrent_calls_with_one_nonce_let_exactly_one_through_and_distinct_nonces_all_pass()
    {
        var store = _host.Services.GetRequiredService<NonceStore>();
        var now = _host.Clock.GetUtcNow();
        var replays = Enumerable.Range(0, 60).Select(_ => Task.Run(() => store.TryRecordAsync("Basic", "same-nonce", now)));
        var distinct = Enumerable.Range(0, 60).Select(i => Task.Run(() => store.TryRecordAsync("Basic", $"nonce-{i}", now)));

        var replayResults = await Task.WhenAll(replays);
        var distinctResults = await Task.WhenAll(distinct);

        Assert.Single(replayResults, fresh => fresh);
        Assert.All(distinctResults, Assert.True);
        Assert.False(await store.TryRecordAsync("Basic", "nonce-7", now));
        Assert.True(await store.TryRecordAsync("Kit", "nonce-7", now));
        using var db = _host.OpenDb();
        Assert.Equal(62, await db.SeenNonces.CountAsync());
        // Stored as SQLite binary ticks (sub-millisecond dropped) or PostgreSQL microseconds, exactly as EF stores it.
        Assert.Equal(now, (await db.SeenNonces.SingleAsync(n => n.Nonce == "Kit:nonce-7")).SeenAt, TimeSpan.FromMilliseconds(1));
    }

    [Fact]
    public async Task Purge_forgets_only_nonces_older_than_the_cut_off()
    {
        var store = _host.Services.GetRequiredService<NonceStore>();
        var now = _host.Clock.GetUtcNow();
        Assert.True(await store.TryRecordAsync("Basic", "old", now.AddMinutes(-20)));
        Assert.True(await store.TryRecordAsync("Basic", "new", now));

        using var db = _host.OpenDb();
        Assert.Equal(1, await NonceStore.PurgeAsync(db, now.AddMinutes(-10), CancellationToken.None));
        Assert.True(await store.TryRecordAsync("Basic", "old", now));
        Assert.False(await store.TryRecordAsync("Basic", "new", now));
    }

    [Fact]
    public async Task Concurrent_callback_log_entries_are_all_committed_before_their_writers_return()
    {
        var writer = _host.Services.GetRequiredService<CallbackLogWriter>();
        var written = await Task.WhenAll(Enumerable.Range(0, 100).Select(i => Task.Run(() => writer.WriteAsync(new Data.CallbackLog
        {
            ReceivedAt = _host.Clock.GetUtcNow(),
            Family = "saas-v2",
            Activity = "queryInstance",
            Method = "POST",
            Path = "/produce",
            Query = string.Empty,
            ResultCode = "000000",
            ResponseBody = "{}",
            Verdict = "test",
            OrderId = $"order-{i}",
        }))));

        Assert.All(written, Assert.True);
        using var db = _host.OpenDb();
        Assert.Equal(Enumerable.Range(0, 100).Select(i => $"order-{i}").Order(),
            (await db.CallbackLogs.Select(l => l.OrderId!).ToListAsync()).Order());
    }
}

public sealed class NonceStoreOnSqlite() : NonceStoreTests(DatabaseKind.Sqlite);

public sealed class NonceStoreOnPostgres() : NonceStoreTests(DatabaseKind.Postgres);

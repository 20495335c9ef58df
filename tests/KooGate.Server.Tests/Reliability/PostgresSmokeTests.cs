using System.Text.Json;
using KooGate.Server.Tests.Infrastructure;
using KooGate.Testing.Databases;
using KooGate.Testing.Server;
using Microsoft.EntityFrameworkCore;

namespace KooGate.Server.Tests.Reliability;

/// <summary>
/// The create/retry/query/replay path on both databases (migrations apply to a fresh PostgreSQL database), and two
/// server processes sharing one PostgreSQL database: one nonce store, one instance per order line.
/// </summary>
public sealed class PostgresSmokeTests
{
    private static string Create(string businessId, string orderId = "SMOKE-ORDER") =>
        JsonSerializer.Serialize(new { activity = "newInstance", businessId, orderId, orderLineId = orderId + "-000001" });

    [Theory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task Create_retry_query_and_replayed_nonce_work_on_a_fresh_database(DatabaseKind database)
    {
        using var host = new KooGateHost(database, ConcurrentDuplicateTests.QuietDatabaseLog);
        var marketplace = new MarketplaceClient(host);

        var first = await marketplace.PostAsync(Create("smoke-1"), nonce: "smoke-nonce-1");
        Assert.True(first.ResultCode == "000000", first.Body);
        Assert.Equal("smoke-1", first.Get("instanceId"));

        var retry = await marketplace.PostAsync(Create("smoke-2"));
        Assert.Equal("000000", retry.ResultCode);
        Assert.Equal("smoke-1", retry.Get("instanceId"));

        var query = await marketplace.PostAsync(JsonSerializer.Serialize(new { activity = "queryInstance", instanceId = "smoke-1" }));
        Assert.Equal("000000", query.ResultCode);
        Assert.Equal("smoke-1", query.Json.GetProperty("info")[0].GetProperty("instanceId").GetString());

        var replay = await marketplace.PostAsync(Create("smoke-3"), nonce: "smoke-nonce-1");
        Assert.Equal("000002", replay.ResultCode);

        using var db = host.OpenDb();
        var instance = await db.Instances.AsNoTracking().SingleAsync();
        Assert.Equal("smoke-1", instance.InstanceId);
        Assert.Equal(Data.InstanceState.Active, instance.State);
        Assert.Equal(TimeSpan.Zero, instance.CreatedAt.Offset);
        // Timestamps round-trip and compare on the database (SQLite through the ticks converter, PostgreSQL as timestamptz).
        Assert.Equal(1, await db.Instances.CountAsync(i => i.CreatedAt <= host.Clock.GetUtcNow()));
        Assert.Equal(3, await db.SeenNonces.CountAsync(n => n.SeenAt >= host.Clock.GetUtcNow().AddMinutes(-1)));
    }

    [Fact]
    public async Task Two_hosts_sharing_one_postgres_database_share_nonces_and_converge_on_one_instance()
    {
        using var a = new KooGateHost(DatabaseKind.Postgres, ConcurrentDuplicateTests.QuietDatabaseLog);
        _ = a.Http; // creates and migrates the database
        using var b = new KooGateHost(DatabaseKind.Postgres, ConcurrentDuplicateTests.QuietDatabaseLog, connectionString: a.ConnectionString);
        _ = b.Http; // finds it migrated
        var onA = new MarketplaceClient(a);
        var onB = new MarketplaceClient(b);

        Assert.Equal("000000", (await onA.PostAsync(Create("shared-0", "SHARED-NONCE"), nonce: "shared-nonce-1")).ResultCode);
        Assert.Equal("000002", (await onB.PostAsync(Create("shared-1", "SHARED-NONCE"), nonce: "shared-nonce-1")).ResultCode);

        var calls = Enumerable.Range(0, 60)
            .Select(i => Task.Run(() => (i % 2 == 0 ? onA : onB).PostAsync(Create($"split-{i:D2}", "SPLIT-ORDER"))))
            .ToList();
        var replies = await Task.WhenAll(calls);
        Assert.All(replies, r => Assert.True(r.ResultCode is "000000" or "000004", r.Body));
        var winner = Assert.Single(replies.Select(r => r.Get("instanceId")).Distinct());

        using var db = b.OpenDb();
        Assert.Equal(winner, (await db.Instances.AsNoTracking().SingleAsync(i => i.OrderId == "SPLIT-ORDER")).InstanceId);
        Assert.Equal(1, await db.InstanceEvents.CountAsync(e => e.Type == "created" && e.InstanceId == winner));
        Assert.Equal(2, await db.Instances.CountAsync());
    }
}

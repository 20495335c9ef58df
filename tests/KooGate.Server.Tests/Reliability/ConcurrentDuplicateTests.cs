using System.Diagnostics;
using KooGate.Server.Tests.Infrastructure;
using KooGate.Testing.Databases;
using KooGate.Testing.Server;
using Microsoft.EntityFrameworkCore;
using Xunit.Abstractions;

namespace KooGate.Server.Tests.Reliability;

/// <summary>
/// Many marketplace retries of one <c>newInstance</c> arriving at once over real HTTP converge on one instance: the
/// unique index on (orderId, orderLineId, isTest) decides the winner, everyone else is answered with its id.
/// </summary>
public sealed class ConcurrentDuplicateTests(ITestOutputHelper output)
{
    private const int Duplicates = 200;
    private const int OtherOrderDuplicates = 50;

    /// <summary>The losers' unique violations are expected; EF Core would log each one as an error.</summary>
    internal static readonly Dictionary<string, string?> QuietDatabaseLog = new() { ["Logging:LogLevel:Microsoft.EntityFrameworkCore"] = "Critical" };

    [Theory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task Concurrent_duplicate_creates_converge_on_one_instance(DatabaseKind database)
    {
        using var host = new KooGateHost(database, QuietDatabaseLog);
        var marketplace = new MarketplaceClient(host);
        _ = host.Http; // start the server (and migrate) before the burst

        var watch = Stopwatch.StartNew();
        var calls = new List<Task<(string Order, string BusinessId, ProduceReply Reply)>>();
        for (var i = 0; i < Duplicates; i++)
        {
            calls.Add(Send(marketplace, "ORDER-A", $"biz-a-{i:D3}"));
            if (i % (Duplicates / OtherOrderDuplicates) == 0)
            {
                calls.Add(Send(marketplace, "ORDER-B", $"biz-b-{i:D3}"));
            }
        }

        var results = await Task.WhenAll(calls);
        output.WriteLine($"{database}: {results.Length} concurrent newInstance calls in {watch.ElapsedMilliseconds} ms");

        Assert.All(results, r => Assert.True(r.Reply.ResultCode is "000000" or "000004", r.Reply.Body));
        var winners = results.GroupBy(r => r.Order).ToDictionary(g => g.Key, g => Assert.Single(g.Select(r => r.Reply.Get("instanceId")).Distinct()));
        Assert.Equal(Duplicates, results.Count(r => r.Order == "ORDER-A"));
        Assert.Equal(OtherOrderDuplicates, results.Count(r => r.Order == "ORDER-B"));
        // The winner is one of the deliveries of that order, never of the other one.
        Assert.Contains(results, r => r.Order == "ORDER-A" && r.BusinessId == winners["ORDER-A"]);
        Assert.Contains(results, r => r.Order == "ORDER-B" && r.BusinessId == winners["ORDER-B"]);

        using var db = host.OpenDb();
        var instances = await db.Instances.AsNoTracking().ToListAsync();
        Assert.Equal(2, instances.Count);
        Assert.Equal(winners["ORDER-A"], Assert.Single(instances, i => i.OrderId == "ORDER-A").InstanceId);
        Assert.Equal(winners["ORDER-B"], Assert.Single(instances, i => i.OrderId == "ORDER-B").InstanceId);
        var created = await db.InstanceEvents.AsNoTracking().Where(e => e.Type == "created").Select(e => e.InstanceId).ToListAsync();
        Assert.Equal(winners.Values.Order(StringComparer.Ordinal), created.Order(StringComparer.Ordinal));
        Assert.Equal(2, await db.Orders.CountAsync());
    }

    private static async Task<(string Order, string BusinessId, ProduceReply Reply)> Send(MarketplaceClient marketplace, string orderId, string businessId)
    {
        await Task.Yield();
        var reply = await marketplace.PostAsync(new { activity = "newInstance", businessId, orderId, orderLineId = orderId + "-000001" });
        return (orderId, businessId, reply);
    }
}

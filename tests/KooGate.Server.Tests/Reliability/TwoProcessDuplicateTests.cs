using System.Diagnostics;
using KooGate.Server.Tests.Infrastructure;
using KooGate.Testing.Databases;
using Xunit.Abstractions;

namespace KooGate.Server.Tests.Reliability;

/// <summary>
/// Two real server processes on one PostgreSQL database receive 1,000 concurrent duplicate <c>newInstance</c>
/// deliveries of a few orders, split between them: exactly one instance per order results, and every delivery of an
/// order is answered with that instance's id, whichever process took it.
/// </summary>
public sealed class TwoProcessDuplicateTests(ITestOutputHelper output)
{
    private const int Orders = 5;
    private const int DeliveriesPerOrder = 200;

    [Fact]
    public async Task Thousand_concurrent_duplicates_split_between_two_processes_yield_one_instance_per_order()
    {
        using var database = new RealServer(DatabaseKind.Postgres);
        var key = RealServer.NewKey();
        using var first = await database.StartAsync(key); // creates and migrates the database
        using var second = await database.StartAsync(key);
        using var http = RealClockMarketplace.NewHttpClient(connectionsPerServer: 128);
        var marketplace = new RealClockMarketplace(http);
        var run = Guid.NewGuid().ToString("N")[..8];

        var start = new TaskCompletionSource();
        var deliveries = Enumerable.Range(0, Orders * DeliveriesPerOrder).Select(async i =>
        {
            var orderId = $"DUP{run}-{i % Orders}";
            var businessId = $"biz-{run}-{i:D4}";
            var server = i % 2 == 0 ? first : second;
            await start.Task;
            var reply = await marketplace.PostAsync(server.BaseAddress, key, RealClockMarketplace.NewInstance(orderId, businessId));
            return (OrderId: orderId, BusinessId: businessId, Reply: reply);
        }).ToList();
        var watch = Stopwatch.StartNew();
        start.SetResult();
        var results = await Task.WhenAll(deliveries);
        output.WriteLine($"{results.Length} deliveries to two processes in {watch.ElapsedMilliseconds} ms");

        Assert.All(results, r => Assert.True(r.Reply.ResultCode is "000000" or "000004", r.Reply.Body));
        var answered = results.GroupBy(r => r.OrderId)
            .ToDictionary(g => g.Key, g => Assert.Single(g.Select(r => r.Reply.Get("instanceId")).Distinct()));
        Assert.Equal(Orders, answered.Count);
        foreach (var (orderId, instanceId) in answered)
        {
            // The winner is one of that order's own deliveries.
            Assert.Contains(results, r => r.OrderId == orderId && r.BusinessId == instanceId);
        }

        var stored = await database.InstancesAsync();
        Assert.Equal(Orders, stored.Count);
        Assert.All(stored, s => Assert.Equal(answered[s.OrderId], s.InstanceId));
    }
}

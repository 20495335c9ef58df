using System.Collections.Concurrent;
using System.Diagnostics;
using KooGate.Server.Tests.Independent;
using KooGate.Server.Tests.Infrastructure;
using KooGate.Testing.Databases;
using KooGate.Testing.Processes;
using Xunit.Abstractions;

namespace KooGate.Server.Tests.Reliability;

/// <summary>
/// A server killed with SIGKILL in the middle of a <c>newInstance</c> load loses no call it had acknowledged with
/// 000000/000004, and the restarted process delivers the hand-off events that were still pending: the seller's
/// webhook receiver was down until after the restart.
/// </summary>
public sealed class CrashRecoveryTests(ITestOutputHelper output)
{
    private const int Workers = 8;
    private const int AcknowledgedBeforeKill = 40;

    [Theory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task Acknowledged_creates_survive_sigkill_and_pending_deliveries_resume_after_restart(DatabaseKind kind)
    {
        using var database = new RealServer(kind);
        var key = RealServer.NewKey();
        var receiverPort = ServerProcess.FreePort();
        var webhook = new Dictionary<string, string>
        {
            ["KooGate__Webhook__Url"] = $"http://127.0.0.1:{receiverPort}/hooks",
            ["KooGate__Webhook__FirstRetrySeconds"] = "0.2",
            ["KooGate__Webhook__MaxRetrySeconds"] = "1",
            ["KooGate__Webhook__MaxAttempts"] = "1000",
            ["KooGate__Webhook__TimeoutSeconds"] = "2",
            ["KooGate__Webhook__LeaseSeconds"] = "4",
            ["KooGate__Webhook__PollIntervalMilliseconds"] = "200",
        };
        using var http = RealClockMarketplace.NewHttpClient();
        var marketplace = new RealClockMarketplace(http);

        var acknowledged = new ConcurrentDictionary<string, string>(); // orderId → instanceId
        using (var doomed = await database.StartAsync(key, webhook))
        {
            using var stop = new CancellationTokenSource();
            var next = 0;
            var load = Enumerable.Range(0, Workers).Select(_ => Task.Run(async () =>
            {
                while (!stop.IsCancellationRequested)
                {
                    var n = Interlocked.Increment(ref next);
                    var orderId = $"CRASH-{n:D5}";
                    try
                    {
                        var reply = await marketplace.PostAsync(doomed.BaseAddress, key, RealClockMarketplace.NewInstance(orderId, $"crash-{n:D5}"), stop.Token);
                        if (reply.ResultCode is "000000" or "000004")
                        {
                            acknowledged[orderId] = reply.Get("instanceId")!;
                        }
                    }
                    catch (Exception e) when (e is HttpRequestException or OperationCanceledException or IOException)
                    {
                        // The process is gone: this call was never acknowledged.
                    }
                }
            })).ToList();

            await Eventually.UntilAsync(() => Task.FromResult(acknowledged.Count >= AcknowledgedBeforeKill), "acknowledged creates",
                timeout: TimeSpan.FromSeconds(45));
            doomed.Kill();
            var sentBeforeKill = Volatile.Read(ref next);
            await Task.Delay(300);
            await stop.CancelAsync();
            await Task.WhenAll(load);
            output.WriteLine($"{kind}: killed after {sentBeforeKill} calls sent, {acknowledged.Count} acknowledged");
        }

        var stored = (await database.InstancesAsync()).ToDictionary(i => i.OrderId, i => i.InstanceId);
        Assert.All(acknowledged, a => Assert.True(stored.TryGetValue(a.Key, out var id) && id == a.Value, $"acknowledged {a.Key} → {a.Value} is missing after the crash"));

        using var restarted = await database.StartAsync(key, webhook);
        await using var receiver = await WebhookReceiver.StartAsync(receiverPort);
        var created = new HashSet<string>(StringComparer.Ordinal);
        var watch = Stopwatch.StartNew();
        // Calls the process took but never answered may have committed too: their events are due like the rest.
        while (!stored.Values.All(created.Contains) && watch.Elapsed < TimeSpan.FromSeconds(45))
        {
            try
            {
                var delivery = await receiver.NextAsync(TimeSpan.FromSeconds(5));
                if (delivery.Json.GetProperty("type").GetString() == "instance.created")
                {
                    created.Add(delivery.Json.GetProperty("data").GetProperty("instanceId").GetString()!);
                }
            }
            catch (OperationCanceledException)
            {
            }
        }

        output.WriteLine($"{kind}: {created.Count} instance.created events delivered after restart in {watch.ElapsedMilliseconds} ms");
        var undelivered = stored.Values.Where(id => !created.Contains(id)).ToList();
        Assert.True(undelivered.Count == 0, $"never delivered after the restart: {string.Join(", ", undelivered)}");
    }
}

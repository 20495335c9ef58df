using System.Diagnostics;
using KooGate.Server.Tests.Infrastructure;

namespace KooGate.Server.Tests.Hardening;

/// <summary>
/// With the SQLite file locked by another process, calls are answered at the configured deadline: 000005 when nothing
/// was committed, 000004 for a create whose instance already is. Wall-clock margins are generous (CI is loaded).
/// </summary>
public sealed class CallDeadlineTests : IDisposable
{
    private const int DeadlineMilliseconds = 1500;

    private readonly KooGateHost _host = new(settings: new Dictionary<string, string?> { ["KooGate:CallDeadlineMilliseconds"] = $"{DeadlineMilliseconds}" });
    private readonly MarketplaceClient _marketplace;

    public CallDeadlineTests() => _marketplace = new MarketplaceClient(_host);

    public void Dispose() => _host.Dispose();

    [Fact]
    public async Task Calls_against_a_locked_database_answer_within_the_deadline()
    {
        Assert.Equal("000000", (await _marketplace.PostAsync(Create("biz-1", "ORDER-1"))).ResultCode);
        await Eventually.UntilAsync(
            async () =>
            {
                await using var db = _host.OpenDb();
                return await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.AnyAsync(db.CallbackLogs);
            },
            "the first call's log entry (logged after the answer, on the same connection)");

        await using var locker = new Microsoft.Data.Sqlite.SqliteConnection(_host.ConnectionString);
        await locker.OpenAsync();
        await using (var begin = locker.CreateCommand())
        {
            begin.CommandText = "BEGIN EXCLUSIVE;";
            await begin.ExecuteNonQueryAsync();
        }

        // The deadline runs on the injected clock: move it along with the wall clock while the calls wait.
        using var stop = new CancellationTokenSource();
        var pump = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                await Task.Delay(50, CancellationToken.None);
                _host.Clock.Advance(TimeSpan.FromMilliseconds(50));
            }
        });

        // Side by side, each on its own connection: a late call keeps its connection until the database is free again.
        var calls = await Task.WhenAll(
            TimedAsync(() => _marketplace.PostAsync(Create("biz-2", "ORDER-2"))),
            TimedAsync(() => _marketplace.PostAsync(Create("biz-1-retry", "ORDER-1"))));
        var ((fresh, freshElapsed), (retry, retryElapsed)) = (calls[0], calls[1]);

        await using (var rollback = locker.CreateCommand())
        {
            rollback.CommandText = "ROLLBACK;";
            await rollback.ExecuteNonQueryAsync();
        }

        await stop.CancelAsync();
        await pump;

        Assert.Equal("000005", fresh.ResultCode);
        Assert.Equal(("000004", "biz-1"), (retry.ResultCode, retry.Get("instanceId")));
        Assert.All([freshElapsed, retryElapsed], elapsed => Assert.InRange(elapsed, TimeSpan.FromMilliseconds(DeadlineMilliseconds * 0.8), TimeSpan.FromSeconds(8)));
    }

    private static object Create(string businessId, string orderId) =>
        new { activity = "newInstance", businessId, orderId, orderLineId = orderId + "-1" };

    private static async Task<(ProduceReply Reply, TimeSpan Elapsed)> TimedAsync(Func<Task<ProduceReply>> call)
    {
        var started = Stopwatch.GetTimestamp();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var reply = await call().WaitAsync(timeout.Token);
        return (reply, Stopwatch.GetElapsedTime(started));
    }
}

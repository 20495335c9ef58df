using System.Diagnostics;
using KooGate.Server.Tests.Infrastructure;
using KooGate.Testing.Server;

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
        await WaitForCallbackLogAsync();

        var ((fresh, freshElapsed), (retry, retryElapsed)) = await WhileLockedAsync(
            () => _marketplace.PostAsync(Create("biz-2", "ORDER-2")),
            () => _marketplace.PostAsync(Create("biz-1-retry", "ORDER-1")));

        Assert.Equal("000005", fresh.ResultCode);
        Assert.Equal(("000004", "biz-1"), (retry.ResultCode, retry.Get("instanceId")));
        Assert.All([freshElapsed, retryElapsed], elapsed => Assert.InRange(elapsed, TimeSpan.FromMilliseconds(DeadlineMilliseconds * 0.8), TimeSpan.FromSeconds(8)));
    }

    [Fact]
    public async Task V1_calls_against_a_locked_database_answer_within_the_deadline_and_signed()
    {
        var v1 = new V1MarketplaceClient(_host);
        Assert.Equal("000000", (await v1.GetAsync(SaasV1.V1NewInstanceTests.Create("biz-1", "ORDER-1"))).ResultCode);
        await WaitForCallbackLogAsync();

        // V1 creates are keyed (orderId, productId): a retry with a new businessId names the committed instance.
        var ((fresh, freshElapsed), (retry, retryElapsed)) = await WhileLockedAsync(
            () => v1.GetAsync(SaasV1.V1NewInstanceTests.Create("biz-2", "ORDER-2")),
            () => v1.GetAsync(SaasV1.V1NewInstanceTests.Create("biz-1-retry", "ORDER-1")));

        Assert.Equal("000005", fresh.ResultCode);
        Assert.Equal(("000004", "biz-1"), (retry.ResultCode, retry.Get("instanceId")));
        V1MarketplaceClient.AssertBodySigned(fresh);
        V1MarketplaceClient.AssertBodySigned(retry);
        Assert.All([freshElapsed, retryElapsed], elapsed => Assert.InRange(elapsed, TimeSpan.FromMilliseconds(DeadlineMilliseconds * 0.8), TimeSpan.FromSeconds(8)));
    }

    [Fact]
    public async Task Kit_V1_calls_against_a_locked_database_answer_000005_within_the_deadline()
    {
        var v1 = new V1MarketplaceClient(_host);
        var body = new
        {
            instanceId = "biz-kit",
            orderId = "ORDER-K",
            tenantId = "tenant-1",
            tenantCode = "t1",
            name = "Tenant",
            domainName = "t1.example.com",
            flag = 1,
            testFlag = 0,
            timeStamp = Protocol.KooTime.ToChina17(_host.Clock.GetUtcNow())
        };
        Assert.Equal("000000", (await v1.KitAsync("tenantSync", body)).ResultCode);
        await WaitForCallbackLogAsync();

        var ((late, elapsed), _) = await WhileLockedAsync(
            () => v1.KitAsync("tenantSync", body with { name = "Renamed" }),
            () => v1.KitAsync("tenantSync", body with { name = "Renamed again" }));

        Assert.Equal("000005", late.ResultCode);
        V1MarketplaceClient.AssertBodySigned(late);
        Assert.InRange(elapsed, TimeSpan.FromMilliseconds(DeadlineMilliseconds * 0.8), TimeSpan.FromSeconds(8));
    }

    private async Task WaitForCallbackLogAsync() =>
        await Eventually.UntilAsync(
            async () =>
            {
                await using var db = _host.OpenDb();
                return await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.AnyAsync(db.CallbackLogs);
            },
            "the first call's log entry (logged after the answer, on the same connection)");

    /// <summary>Runs two calls side by side while another connection holds the SQLite file locked.</summary>
    private async Task<((ProduceReply, TimeSpan), (ProduceReply, TimeSpan))> WhileLockedAsync(Func<Task<ProduceReply>> first, Func<Task<ProduceReply>> second)
    {
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
        var calls = await Task.WhenAll(TimedAsync(first), TimedAsync(second));

        await using (var rollback = locker.CreateCommand())
        {
            rollback.CommandText = "ROLLBACK;";
            await rollback.ExecuteNonQueryAsync();
        }

        await stop.CancelAsync();
        await pump;
        return (calls[0], calls[1]);
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

using KooGate.Protocol;
using KooGate.Protocol.Messages;
using KooGate.Server.Configuration;
using KooGate.Server.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace KooGate.Server.Produce;

/// <summary>
/// Bounds the time of a production-interface call (<see cref="KooGateOptions.CallDeadlineMilliseconds"/>, README
/// decision 12): KooGallery gives up after 5 s, so a call held up by a locked or slow database is answered at the
/// deadline — <c>000004</c> when it is a create whose instance is already committed (queryInstance reports the rest),
/// otherwise <c>000005</c> so the marketplace retries. The late work is cancelled and awaited after the answer is sent,
/// never abandoned on a disposed request scope.
/// </summary>
public sealed class CallDeadline(IOptions<KooGateOptions> options, TimeProvider time, IServiceScopeFactory scopes, ILogger<CallDeadline> logger)
{
    /// <summary>The order line a create call is about, so a committed instance can be recognised at the deadline.</summary>
    public sealed record CreateKey(string OrderId, string OrderLineId, bool IsTest);

    /// <summary>
    /// Runs <paramref name="work"/>; returns its result, or the deadline's answer plus the still-running work, which the
    /// caller awaits (<see cref="DrainAsync"/>) once the answer is sent.
    /// </summary>
    public async Task<(ProduceResult Result, Task? Late)> RunAsync(
        Func<CancellationToken, Task<ProduceResult>> work, Func<CreateKey?> create, CancellationToken aborted)
    {
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(aborted);
        // On a thread of its own: SQLite's "async" calls block while they wait for a lock.
        var running = Task.Run(() => work(cancel.Token), CancellationToken.None);
        using var timer = CancellationTokenSource.CreateLinkedTokenSource(aborted);
        var deadline = TimeSpan.FromMilliseconds(Math.Max(1, options.Value.CallDeadlineMilliseconds));
        var finished = await Task.WhenAny(running, Task.Delay(deadline, time, timer.Token)).ConfigureAwait(false);
        if (finished == running)
        {
            await timer.CancelAsync();
            return (await running.ConfigureAwait(false), null);
        }

        await cancel.CancelAsync();
        logger.LogWarning("A production-interface call exceeded its {Deadline} ms deadline and was answered without waiting", deadline.TotalMilliseconds);
        var committed = create() is { } key ? await CommittedInstanceAsync(key) : null;
        var answer = committed is null
            ? new ProduceResult(ResultCode.InternalError.WithMessage("the call did not finish in time; retry"))
            : ProduceResult.With(ResultCode.Processing, new NewInstanceResponse { InstanceId = committed }) with { InstanceId = committed };
        return (answer, running);
    }

    /// <summary>Waits for late work after the answer went out; its outcome no longer matters (idempotent retries).</summary>
    public static async Task DrainAsync(Task? late)
    {
        if (late is null)
        {
            return;
        }

        try
        {
            await late.ConfigureAwait(false);
        }
        catch (Exception)
        {
            // Cancelled or failed after the deadline: the marketplace retries and idempotency makes that safe.
        }
    }

    private async Task<string?> CommittedInstanceAsync(CreateKey key)
    {
        // Its own scope: the request's database context still belongs to the late work. Reads are not blocked by a
        // SQLite writer (WAL), and a database that cannot answer quickly means "not known to be committed".
        using var quick = new CancellationTokenSource(TimeSpan.FromMilliseconds(500));
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<KooGateDbContext>();
            return await db.Instances.AsNoTracking()
                .Where(i => i.OrderId == key.OrderId && i.OrderLineId == key.OrderLineId && i.IsTest == key.IsTest)
                .Select(i => i.InstanceId).FirstOrDefaultAsync(quick.Token);
        }
        catch (Exception e) when (e is OperationCanceledException or InvalidOperationException or System.Data.Common.DbException)
        {
            return null;
        }
    }
}

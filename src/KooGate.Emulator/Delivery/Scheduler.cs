using System.Threading.Channels;
using KooGate.Emulator.Clock;
using KooGate.Emulator.Data;
using KooGate.Emulator.Lifecycle;
using KooGate.Emulator.Probes;
using Microsoft.EntityFrameworkCore;

namespace KooGate.Emulator.Delivery;

/// <summary>
/// Runs whatever is due on the virtual clock, one thing at a time. Advancing the clock walks through every due instant
/// in order (an expiry at day 30, a retry an hour later, a release 15 days on), so each call is made at its own time.
/// An order only records what is due; its calls run in the background after the buyer has the answer
/// (<see cref="RunDueAfterAnswer"/>, <see cref="DueWorkService"/>), as KooGallery answers the buyer before it calls
/// the seller.
/// </summary>
public sealed class Scheduler(IServiceScopeFactory scopes, VirtualClock clock, ILogger<Scheduler> logger)
{
    private const int MaxStepsPerRun = 10_000;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Channel<bool> _wakeUps = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    /// <summary>Runs <paramref name="action"/> alone (no scheduler pass or other action at the same time), then what fell due.</summary>
    public async Task<T> ExclusiveAsync<T>(Func<IServiceProvider, Task<T>> action, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var result = await RunAsync(action);
            await RunDueCoreAsync(cancellationToken);
            return result;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Runs <paramref name="action"/> alone, leaving what fell due to the background (see <see cref="RunDueAfterAnswer"/>).</summary>
    public async Task<T> RecordAsync<T>(Func<IServiceProvider, Task<T>> action, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            return await RunAsync(action);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Once <paramref name="response"/> has been sent, the background runs what is due (an order's first calls).</summary>
    public void RunDueAfterAnswer(HttpResponse response) => response.OnCompleted(() =>
    {
        _wakeUps.Writer.TryWrite(true);
        return Task.CompletedTask;
    });

    /// <summary>Waits until <see cref="RunDueAfterAnswer"/> asks for a pass, or <paramref name="timeout"/> passes.</summary>
    public async Task WaitForWakeUpAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var waiting = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        waiting.CancelAfter(timeout);
        try
        {
            await _wakeUps.Reader.ReadAsync(waiting.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
        }
    }

    public Task RunDueAsync(CancellationToken cancellationToken) => ExclusiveAsync(_ => Task.FromResult(0), cancellationToken);

    private async Task<T> RunAsync<T>(Func<IServiceProvider, Task<T>> action)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await action(scope.ServiceProvider);
    }

    /// <summary>Moves the clock forward by <paramref name="by"/>, stopping at each due instant to run its work.</summary>
    public async Task AdvanceAsync(TimeSpan by, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var target = clock.GetUtcNow() + by;
            for (var step = 0; step < MaxStepsPerRun; step++)
            {
                var next = await NextDueAsync(cancellationToken);
                if (next is null || next > target)
                {
                    break;
                }

                clock.AdvanceTo(next.Value);
                await RunDueCoreAsync(cancellationToken);
            }

            clock.AdvanceTo(target);
            await RunDueCoreAsync(cancellationToken);
            await SaveClockAsync(cancellationToken);
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<DateTimeOffset?> NextDueAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<EmulatorDb>();
        var delivery = await db.Deliveries.Where(d => d.State == DeliveryState.Pending || d.State == DeliveryState.Polling)
            .OrderBy(d => d.NextAttemptAt).Select(d => d.NextAttemptAt).FirstOrDefaultAsync(cancellationToken);
        var lifecycle = await scope.ServiceProvider.GetRequiredService<LifecycleService>().NextDueAsync(cancellationToken);
        var probes = await scope.ServiceProvider.GetRequiredService<ProbeService>().NextDueAsync(cancellationToken);
        return Min(Min(delivery, lifecycle), probes);
    }

    private static DateTimeOffset? Min(DateTimeOffset? a, DateTimeOffset? b) => a is null ? b : b is null ? a : a < b ? a : b;

    private async Task RunDueCoreAsync(CancellationToken cancellationToken)
    {
        for (var step = 0; step < MaxStepsPerRun; step++)
        {
            var now = clock.GetUtcNow();
            await using var scope = scopes.CreateAsyncScope();
            var services = scope.ServiceProvider;
            var changed = await services.GetRequiredService<LifecycleService>().ApplyDueAsync(now, cancellationToken)
                + await services.GetRequiredService<ProbeService>().ApplyDueAsync(now, cancellationToken);
            var db = services.GetRequiredService<EmulatorDb>();
            var due = await db.Deliveries
                .Where(d => (d.State == DeliveryState.Pending || d.State == DeliveryState.Polling) && d.NextAttemptAt <= now)
                .OrderBy(d => d.NextAttemptAt).ThenBy(d => d.Id)
                .FirstOrDefaultAsync(cancellationToken);
            if (due is null)
            {
                if (changed == 0)
                {
                    return;
                }

                continue;
            }

            try
            {
                await services.GetRequiredService<DeliveryRunner>().RunAsync(due, cancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // A bug must not wedge the queue: park the delivery and record why.
                logger.LogError(e, "delivery {DeliveryId} crashed", due.Id);
                await using var rescue = scopes.CreateAsyncScope();
                var rescueDb = rescue.ServiceProvider.GetRequiredService<EmulatorDb>();
                await rescueDb.Deliveries.Where(d => d.Id == due.Id).ExecuteUpdateAsync(
                    s => s.SetProperty(d => d.State, DeliveryState.Failed).SetProperty(d => d.LastVerdict, "emulator-error: " + e.Message),
                    cancellationToken);
            }
        }
    }

    private async Task SaveClockAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<EmulatorDb>();
        var state = await db.ClockStates.SingleOrDefaultAsync(c => c.Id == 1, cancellationToken);
        if (state is null)
        {
            db.ClockStates.Add(new ClockState { Id = 1, OffsetTicks = clock.Offset.Ticks });
        }
        else
        {
            state.OffsetTicks = clock.Offset.Ticks;
        }

        await db.SaveChangesAsync(cancellationToken);
    }
}

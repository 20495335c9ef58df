namespace KooGate.Server.Background;

/// <summary>
/// A background loop on the injected clock: runs one pass, then sleeps for the interval or until woken. A failing pass
/// is logged and retried on the next tick; it never stops the loop or the host.
/// </summary>
public abstract class PeriodicWorker(TimeProvider time, ILogger logger) : BackgroundService
{
    private readonly SemaphoreSlim _wake = new(0);

    protected TimeProvider Time => time;

    protected abstract TimeSpan Interval { get; }

    /// <summary>Ends the current sleep early (new work was committed).</summary>
    public void Wake()
    {
        if (_wake.CurrentCount == 0)
        {
            _wake.Release();
        }
    }

    /// <summary>One pass; returns true when it did work and another pass should follow at once.</summary>
    protected abstract Task<bool> RunOnceAsync(CancellationToken cancellationToken);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var busy = false;
            try
            {
                busy = await RunOnceAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                // Shutting down mid-pass: the pass's transaction did not commit and the next start redoes it.
                return;
            }
            catch (Exception e)
            {
                logger.LogError(e, "{Worker} pass failed; retrying on the next tick", GetType().Name);
            }

            if (!busy)
            {
                await SleepAsync(stoppingToken);
            }
        }
    }

    private async Task SleepAsync(CancellationToken stoppingToken)
    {
        using var sleep = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        try
        {
            await Task.WhenAny(Task.Delay(Interval, time, sleep.Token), _wake.WaitAsync(sleep.Token));
        }
        finally
        {
            await sleep.CancelAsync();
        }
    }
}

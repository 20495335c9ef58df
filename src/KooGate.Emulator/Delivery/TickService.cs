using Microsoft.Extensions.Options;

namespace KooGate.Emulator.Delivery;

/// <summary>
/// Runs due work as real time passes (the virtual clock moves with it). Nothing depends on it: advancing the clock
/// runs everything due on the way; with <see cref="EmulatorOptions.TickSeconds"/> = 0 it is off.
/// </summary>
public sealed class TickService(Scheduler scheduler, IOptions<EmulatorOptions> options, ILogger<TickService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.Value.TickSeconds <= 0)
        {
            return;
        }

        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(options.Value.TickSeconds));
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await scheduler.RunDueAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "scheduler tick failed");
            }
        }
    }
}

using Microsoft.Extensions.Options;

namespace KooGate.Emulator.Delivery;

/// <summary>
/// Runs due work in the background: right after an order has been answered (<see cref="Scheduler.RunDueAfterAnswer"/>),
/// and every <see cref="EmulatorOptions.TickSeconds"/> as real time passes (the virtual clock moves with it; 0 turns
/// the periodic pass off). Advancing the clock runs everything due on the way without it.
/// </summary>
public sealed class DueWorkService(Scheduler scheduler, IOptions<EmulatorOptions> options, ILogger<DueWorkService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = options.Value.TickSeconds > 0 ? TimeSpan.FromSeconds(options.Value.TickSeconds) : Timeout.InfiniteTimeSpan;
        while (!stoppingToken.IsCancellationRequested)
        {
            await scheduler.WaitForWakeUpAsync(interval, stoppingToken);
            try
            {
                await scheduler.RunDueAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "scheduler pass failed");
            }
        }
    }
}

using KooGate.Emulator.Clock;
using KooGate.Emulator.Data;
using Microsoft.Extensions.Options;

namespace KooGate.Emulator.Delivery;

/// <summary>
/// Asks the seller <c>changeInstanceCheck</c> while the buyer is still placing a renewal with a spec change
/// (saas-v2.md §3.7): one synchronous attempt, recorded like any delivery, whose answer decides the order.
/// </summary>
public sealed class ChangeChecker(ProductionCaller caller, VirtualClock clock, CallLog log, IOptions<EmulatorOptions> options)
{
    /// <summary>Sends the planned check and completes <paramref name="delivery"/> with the attempt; only 000000 allows.</summary>
    public async Task<CallOutcome> AskAsync(DeliveryJob delivery, Product product, Resource resource, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var request = CallBuilder.Build(delivery, product, resource, clock.TransportNow(options.Value.SignWithVirtualClock));
        var (attempt, outcome) = await caller.SendAsync(request, now, cancellationToken);
        delivery.Calls.Add(attempt);
        log.Record(attempt, product.ProductId, delivery.OrderId, probe: false);
        delivery.Attempts = 1;
        delivery.LastVerdict = outcome.Verdict;
        delivery.State = outcome.IsSuccess ? DeliveryState.Succeeded : DeliveryState.Failed;
        delivery.NextAttemptAt = null;
        delivery.CompletedAt = now;
        return outcome;
    }
}

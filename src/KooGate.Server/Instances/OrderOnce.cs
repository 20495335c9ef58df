using KooGate.Server.Data;
using Microsoft.EntityFrameworkCore;

namespace KooGate.Server.Instances;

/// <summary>
/// Applies an order to an instance exactly once. The <see cref="AppliedOrder"/> row commits with the change, so a
/// repeat (even a concurrent one) is refused by its unique key and answers success without applying twice. A unique
/// violation on anything else (the order line recorded meanwhile by <c>orderNotify</c>) re-runs the change, which
/// then finds that row: an early notification never swallows the order. So does a concurrent change of the instance
/// or of the order row (the fetcher storing its details), which the retry then builds on.
/// </summary>
public static class OrderOnce
{
    private const int MaxAttempts = 3;

    public static async Task RunAsync(KooGateDbContext db, string orderId, string orderLineId, string kind, Func<Task<bool>> apply, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            if (!await apply() || await db.TrySaveAsync(cancellationToken, orStale: true))
            {
                return;
            }

            var applied = await db.AppliedOrders.AsNoTracking()
                .AnyAsync(a => a.OrderId == orderId && a.OrderLineId == orderLineId && a.Kind == kind, cancellationToken);
            if (applied || attempt == MaxAttempts)
            {
                return;
            }
        }
    }
}

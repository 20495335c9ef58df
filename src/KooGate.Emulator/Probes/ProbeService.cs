using KooGate.Emulator.Clock;
using KooGate.Emulator.Data;
using Microsoft.EntityFrameworkCore;

namespace KooGate.Emulator.Probes;

/// <summary>
/// 拨测: at each probe slot (<see cref="ProbeSchedule"/>) every saved debug case of a product on sale is replayed once
/// with its original business fields (new businessId, nonce and timestamps). Probes are calls like any other (in
/// <c>/api/calls</c>, with verdicts) but change no order or resource; each one's outcome is judged at once
/// (<see cref="ProductHealthService"/>).
/// </summary>
public sealed class ProbeService(EmulatorDb db, VirtualClock clock)
{
    /// <summary>The next slot, if any product on sale has a saved case.</summary>
    public async Task<DateTimeOffset?> NextDueAsync(CancellationToken cancellationToken)
    {
        if (!await ProbedProducts().AnyAsync(cancellationToken))
        {
            return null;
        }

        var state = await db.ProbeStates.AsNoTracking().SingleOrDefaultAsync(s => s.Id == 1, cancellationToken);
        return ProbeSchedule.NextAfter(state?.LastSlot ?? clock.GetUtcNow());
    }

    /// <summary>Runs the latest slot at or before <paramref name="now"/> unless it ran; returns how many probes were queued.</summary>
    public async Task<int> ApplyDueAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var slot = ProbeSchedule.LatestAtOrBefore(now);
        var state = await db.ProbeStates.SingleOrDefaultAsync(s => s.Id == 1, cancellationToken);
        if (state is null)
        {
            // Probing starts with the first slot after the emulator first ran.
            db.ProbeStates.Add(new ProbeState { Id = 1, LastSlot = slot });
            await db.SaveChangesAsync(cancellationToken);
            return 0;
        }

        if (state.LastSlot >= slot)
        {
            return 0;
        }

        state.LastSlot = slot;
        var products = await ProbedProducts().ToListAsync(cancellationToken);
        var queued = 0;
        foreach (var productId in products)
        {
            var version = await db.Products.Where(p => p.ProductId == productId).Select(p => p.InterfaceVersion).SingleAsync(cancellationToken);
            foreach (var debugCase in await db.DebugCases.Where(c => c.ProductId == productId).OrderBy(c => c.Id).ToListAsync(cancellationToken))
            {
                db.Deliveries.Add(Probe(debugCase, version, slot));
                queued++;
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        return queued;
    }

    private IQueryable<string> ProbedProducts() =>
        db.DebugCases.Select(c => c.ProductId).Distinct()
            .Where(id => !db.ListingRules.Any(r => r.ProductId == id && r.Status == ListingStatus.Delisted));

    private static DeliveryJob Probe(DebugCase debugCase, InterfaceVersion version, DateTimeOffset slot) => new()
    {
        ResourceId = debugCase.ResourceId,
        Activity = debugCase.Activity,
        Kit = debugCase.Kit,
        Version = version,
        PayloadJson = debugCase.PayloadJson,
        State = DeliveryState.Pending,
        CreatedAt = slot,
        NextAttemptAt = slot,
        DeadlineAt = slot,
        DebugCaseId = debugCase.Id,
    };
}

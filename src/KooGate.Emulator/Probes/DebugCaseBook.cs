using KooGate.Emulator.Data;
using Microsoft.EntityFrameworkCore;

namespace KooGate.Emulator.Probes;

/// <summary>
/// 调测并保存用例: every debug call (a debugging order's call, <c>testFlag=1</c>) the seller's interface answers with
/// success is saved as the product's case for that activity, replacing the previous one.
/// </summary>
public static class DebugCaseBook
{
    public static async Task SaveAsync(
        EmulatorDb db, string productId, string activity, bool kit, string resourceId, string payloadJson, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var saved = db.DebugCases.Local.SingleOrDefault(c => c.ProductId == productId && c.Activity == activity)
            ?? await db.DebugCases.SingleOrDefaultAsync(c => c.ProductId == productId && c.Activity == activity, cancellationToken);
        if (saved is null)
        {
            saved = new DebugCase { ProductId = productId, Activity = activity };
            db.DebugCases.Add(saved);
        }

        saved.Kit = kit;
        saved.ResourceId = resourceId;
        saved.PayloadJson = payloadJson;
        saved.SavedAt = now;
    }
}

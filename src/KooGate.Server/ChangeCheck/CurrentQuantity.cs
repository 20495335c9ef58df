using KooGate.Protocol.Messages;
using KooGate.Server.Data;
using Microsoft.EntityFrameworkCore;

namespace KooGate.Server.ChangeCheck;

/// <summary>
/// The quantity (<c>linearValue</c>) an instance holds now: the V1 <c>amount</c> of its purchase, else the newest
/// 查询订单 answer for it. Unknown (null) when neither says.
/// </summary>
public static class CurrentQuantity
{
    public static async Task<decimal?> ForAsync(KooGateDbContext db, string instanceId, CancellationToken cancellationToken)
    {
        var amount = await db.Set<InstancePurchase>().AsNoTracking().Where(p => p.InstanceId == instanceId).Select(p => p.Amount).FirstOrDefaultAsync(cancellationToken);
        if (amount is { } bought)
        {
            return bought;
        }

        var fetched = await db.Orders.AsNoTracking()
            .Where(o => o.InstanceId == instanceId && o.Status == OrderFetchStatus.Fetched && o.ResponseJson != null)
            .OrderByDescending(o => o.FetchedAt)
            .Select(o => new { o.OrderLineId, o.ResponseJson })
            .FirstOrDefaultAsync(cancellationToken);
        if (fetched?.ResponseJson is not { } json)
        {
            return null;
        }

        var order = System.Text.Json.JsonSerializer.Deserialize(json, KooJsonContext.Default.QueryOrderResponse)?.OrderInfo;
        var line = order?.OrderLine.FirstOrDefault(l => l.OrderLineId == fetched.OrderLineId) ?? order?.OrderLine.FirstOrDefault();
        return line?.ProductInfo?.FirstOrDefault()?.LinearValue;
    }
}

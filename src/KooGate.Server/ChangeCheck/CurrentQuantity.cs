using KooGate.Protocol.Messages;
using KooGate.Server.Data;
using Microsoft.EntityFrameworkCore;

namespace KooGate.Server.ChangeCheck;

/// <summary>
/// The quantity (<c>linearValue</c>) an instance holds now: its purchase's quantity (merged from every order in order
/// time), else the V1 <c>amount</c>, else the newest 查询订单 answer for it. Unknown (null) when none says.
/// </summary>
public static class CurrentQuantity
{
    public static async Task<decimal?> ForAsync(KooGateDbContext db, string instanceId, CancellationToken cancellationToken)
    {
        var purchase = await db.Set<InstancePurchase>().AsNoTracking().Where(p => p.InstanceId == instanceId)
            .Select(p => new { p.LinearValue, p.Amount }).FirstOrDefaultAsync(cancellationToken);
        if ((purchase?.LinearValue ?? purchase?.Amount) is { } bought)
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

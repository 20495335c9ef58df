using System.Text.Json.Nodes;
using KooGate.Server.Data;
using KooGate.Server.Provisioning;
using Microsoft.EntityFrameworkCore;

namespace KooGate.Server.Produce.License;

/// <summary>
/// License codes of the 2.0 guide (license-order-openapi.md §C.1). A code KooGate has not seen yet is recorded on
/// first sight: KooGallery generates the codes, so a renew/status/release of an unknown code is still genuine. A
/// released code cannot be renewed or unfrozen (000003). Every change is an event-log row (instance id = the code) and
/// a hand-off event, in one transaction.
/// </summary>
public sealed class LicenseCodeStore(KooGateDbContext db, OutboxWriter outbox)
{
    private readonly List<(OutboxMessage Message, LicenseCodeRecord Record)> _announced = [];

    public DbSet<LicenseCodeRecord> Codes => db.Set<LicenseCodeRecord>();

    public KooGateDbContext Db => db;

    public async Task<LicenseCodeRecord> FindOrAddAsync(string code, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var record = await Codes.FirstOrDefaultAsync(c => c.Code == code, cancellationToken);
        if (record is null)
        {
            record = new LicenseCodeRecord { Code = code, State = LicenseCodeState.Active, CreatedAt = now, UpdatedAt = now };
            Codes.Add(record);
        }

        return record;
    }

    public void Change(LicenseCodeRecord record, LicenseCodeState to, string type, string? orderId, object data, DateTimeOffset now, string? detail = null)
    {
        db.InstanceEvents.Add(new InstanceEvent
        {
            InstanceId = record.Code,
            Type = type,
            OrderId = orderId,
            At = now,
            Detail = detail ?? $"license code {record.State} -> {to}",
        });
        record.State = to;
        record.UpdatedAt = now;
        if (outbox.Add(db, "licenseCode." + type, record.Code, data, now) is { } message)
        {
            _announced.Add((message, record));
        }
    }

    /// <summary>
    /// Every <c>licenseCode.*</c> event names the code's product (the latest a renewal named) and its SKU when KooGate
    /// knows one of the code's orders (an <c>orderNotify</c> answered by 查询订单); the SKU stays when a renewal changes
    /// the period type (license-order-openapi.md §C.1).
    /// </summary>
    private async Task NameProductsAsync(CancellationToken cancellationToken)
    {
        foreach (var (message, record) in _announced)
        {
            var orderIds = await db.InstanceEvents.AsNoTracking().Where(e => e.InstanceId == record.Code && e.OrderId != null).Select(e => e.OrderId!).ToListAsync(cancellationToken);
            if (record.LastOrderId is { } last)
            {
                orderIds.Add(last);
            }

            var known = await db.Orders.AsNoTracking().Where(o => orderIds.Contains(o.OrderId) && o.SkuCode != null)
                .OrderByDescending(o => o.CreateTime).Select(o => new { o.ProductId, o.SkuCode }).FirstOrDefaultAsync(cancellationToken);
            var root = JsonNode.Parse(message.Payload)!.AsObject();
            var data = root["data"]!.AsObject();
            data["productId"] = record.ProductId ?? known?.ProductId;
            data["skuCode"] = known?.SkuCode;
            message.Payload = root.ToJsonString(Client.Events.EventJson.Options);
        }

        _announced.Clear();
    }

    /// <summary>Saves; a unique violation means a concurrent duplicate recorded the same change first.</summary>
    public async Task SaveOnceAsync(CancellationToken cancellationToken)
    {
        await NameProductsAsync(cancellationToken);
        await db.TrySaveAsync(cancellationToken);
    }
}

using System.Text.Json.Nodes;
using KooGate.Protocol;
using KooGate.Server.Data;
using KooGate.Server.Outbox;
using Microsoft.EntityFrameworkCore;

namespace KooGate.Server.Instances;

/// <summary>
/// The state machine of the 2.0 guide's license codes (license-order-openapi.md §C.1), beside the instances':
/// renew once per order line (<c>refreshLicenseCode</c>), freeze and unfreeze (<c>updateLicenseCodeStatus</c>), release
/// (<c>releaseLicenseCode</c>). A code KooGate has not seen yet is recorded on first sight: KooGallery generates the
/// codes, so a renew/status/release of an unknown code is still genuine. A released code cannot be renewed or
/// unfrozen (000003). Every change is an event-log row (instance id = the code) and a hand-off event, in one
/// transaction; repeats succeed without side effects and debug calls change nothing.
/// </summary>
public sealed class LicenseCodeLifecycle(KooGateDbContext db, OutboxWriter outbox)
{
    private readonly List<(OutboxMessage Message, LicenseCodeRecord Record)> _announced = [];

    private DbSet<LicenseCodeRecord> Codes => db.Set<LicenseCodeRecord>();

    /// <summary>Renewal or renewal cancellation sets the code's expiry, once per order line (KooGallery retries 60 times).</summary>
    public async Task<LifecycleOutcome> RenewAsync(
        string code, string scene, string orderId, string orderLineId, string? productId, DateTimeOffset expireTime, bool isTest, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        var result = LifecycleOutcome.Applied(code, orderId);
        if (isTest)
        {
            return result;
        }

        var record = await FindOrAddAsync(code, now, cancellationToken);
        if (record.State == LicenseCodeState.Released)
        {
            return Released(code, orderId);
        }

        db.AppliedOrders.Add(new AppliedOrder { OrderId = orderId, OrderLineId = orderLineId, Kind = AppliedKinds.LicenseCodeRefresh, InstanceId = code, AppliedAt = now });
        record.ExpireTime = expireTime;
        record.ProductId = string.IsNullOrEmpty(productId) ? record.ProductId : productId;
        record.LastOrderId = orderId;
        Change(record, record.State, "renewed", orderId, new { license = code, scene, orderId, orderLineId, productId, expireTime }, now,
            $"{scene} until {KooTime.ToUtc14(expireTime)}");
        await SaveOnceAsync(cancellationToken);
        return result;
    }

    /// <summary>FREEZE after the grace period, UNFREEZE after a renewal; the same status again changes nothing.</summary>
    public async Task<LifecycleOutcome> SetFrozenAsync(string code, bool freeze, string status, bool isTest, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var result = LifecycleOutcome.Applied(code, null);
        if (isTest)
        {
            return result;
        }

        var record = await FindOrAddAsync(code, now, cancellationToken);
        if (record.State == LicenseCodeState.Released)
        {
            return freeze ? result : Released(code, null);
        }

        var to = freeze ? LicenseCodeState.Frozen : LicenseCodeState.Active;
        if (record.State != to)
        {
            Change(record, to, freeze ? "frozen" : "unfrozen", null, new { license = code, status }, now);
        }

        await SaveOnceAsync(cancellationToken);
        return result;
    }

    /// <summary>The code leaves service for good; <paramref name="orderId"/>/<paramref name="orderLineId"/> name the unsubscribe order when there is one.</summary>
    public async Task<LifecycleOutcome> ReleaseAsync(string code, string? orderId, string? orderLineId, bool isTest, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var result = LifecycleOutcome.Applied(code, orderId);
        if (isTest)
        {
            return result;
        }

        var record = await FindOrAddAsync(code, now, cancellationToken);
        if (record.State != LicenseCodeState.Released)
        {
            Change(record, LicenseCodeState.Released, "released", orderId, new { license = code, orderId, orderLineId }, now);
        }

        await SaveOnceAsync(cancellationToken);
        return result;
    }

    private static LifecycleOutcome Released(string code, string? orderId) => new(LifecycleStatus.LicenseCodeReleased, code, orderId);

    private async Task<LicenseCodeRecord> FindOrAddAsync(string code, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var record = await Codes.FirstOrDefaultAsync(c => c.Code == code, cancellationToken);
        if (record is null)
        {
            record = new LicenseCodeRecord { Code = code, State = LicenseCodeState.Active, CreatedAt = now, UpdatedAt = now };
            Codes.Add(record);
        }

        return record;
    }

    private void Change(LicenseCodeRecord record, LicenseCodeState to, string type, string? orderId, object data, DateTimeOffset now, string? detail = null)
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
    private async Task SaveOnceAsync(CancellationToken cancellationToken)
    {
        await NameProductsAsync(cancellationToken);
        await db.TrySaveAsync(cancellationToken);
    }
}

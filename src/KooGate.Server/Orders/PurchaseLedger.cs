using KooGate.Server.Data;
using Microsoft.EntityFrameworkCore;

namespace KooGate.Server.Orders;

/// <summary>
/// Every order applied to an instance, one <see cref="OrderDetails"/> row per order line whoever recorded it first
/// (<c>orderNotify</c> or the call that applies it), merged into the instance's current purchase in order time.
/// </summary>
public static class PurchaseLedger
{
    /// <summary>
    /// Finds or adds the order line's row (tracked) and links it to the instance. <paramref name="fromCall"/> fills in
    /// what the call itself carries; without it a row not yet fetched stays queued for 查询订单.
    /// </summary>
    public static async Task<OrderDetails> RecordAsync(
        KooGateDbContext db, string orderId, string orderLineId, string instanceId, string kind, DateTimeOffset now, CancellationToken cancellationToken,
        Action<OrderDetails>? fromCall = null)
    {
        var row = db.Orders.Local.FirstOrDefault(o => o.OrderId == orderId && o.OrderLineId == orderLineId)
            ?? await FindAsync(db, orderId, orderLineId, cancellationToken);
        if (row is null)
        {
            row = new OrderDetails { OrderId = orderId, OrderLineId = orderLineId, Status = OrderFetchStatus.Pending, NextAttemptAt = now };
            db.Orders.Add(row);
        }

        row.InstanceId ??= instanceId;
        row.Kind = kind;
        if (fromCall is not null)
        {
            fromCall(row);
            row.Status = OrderFetchStatus.FromCall;
            row.CreateTime ??= now;
            row.FetchedAt ??= now;
        }

        return row;
    }

    // Every create looks its order line up: a compiled query skips EF's per-call expression work. A compiled query
    // belongs to one provider's model, hence one per context type.
    private static readonly Func<SqliteKooGateDbContext, string, string, CancellationToken, Task<OrderDetails?>> FindOnSqlite = EF.CompileAsyncQuery(
        (SqliteKooGateDbContext db, string orderId, string orderLineId, CancellationToken _) => db.Orders.FirstOrDefault(o => o.OrderId == orderId && o.OrderLineId == orderLineId));

    private static readonly Func<PostgresKooGateDbContext, string, string, CancellationToken, Task<OrderDetails?>> FindOnPostgres = EF.CompileAsyncQuery(
        (PostgresKooGateDbContext db, string orderId, string orderLineId, CancellationToken _) => db.Orders.FirstOrDefault(o => o.OrderId == orderId && o.OrderLineId == orderLineId));

    private static Task<OrderDetails?> FindAsync(KooGateDbContext db, string orderId, string orderLineId, CancellationToken cancellationToken) => db switch
    {
        SqliteKooGateDbContext sqlite => FindOnSqlite(sqlite, orderId, orderLineId, cancellationToken),
        PostgresKooGateDbContext postgres => FindOnPostgres(postgres, orderId, orderLineId, cancellationToken),
        _ => db.Orders.FirstOrDefaultAsync(o => o.OrderId == orderId && o.OrderLineId == orderLineId, cancellationToken),
    };

    public static bool IsKnown(OrderDetails? order) => order?.Status is OrderFetchStatus.Fetched or OrderFetchStatus.FromCall;

    /// <summary>The instance's purchase row, tracked (added when missing).</summary>
    public static async Task<InstancePurchase> PurchaseAsync(KooGateDbContext db, string instanceId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var purchase = db.Set<InstancePurchase>().Local.FirstOrDefault(p => p.InstanceId == instanceId)
            ?? await db.Set<InstancePurchase>().FirstOrDefaultAsync(p => p.InstanceId == instanceId, cancellationToken);
        if (purchase is null)
        {
            purchase = new InstancePurchase { InstanceId = instanceId, UpdatedAt = now };
            db.Add(purchase);
        }

        return purchase;
    }

    /// <summary>
    /// Merges a known order into the instance's purchase. Who the customer is fills gaps from any order; product, SKU,
    /// quantity and period follow the newest order only (by order time), so a late fetch of an older order changes
    /// nothing; an unsubscribe never changes them. The expiry is the calls' to set: an order's only fills a gap.
    /// </summary>
    public static void Apply(InstanceRecord instance, InstancePurchase purchase, OrderDetails order, DateTimeOffset now)
    {
        purchase.CustomerId ??= order.CustomerId;
        purchase.CustomerName ??= order.CustomerName;
        purchase.UserId ??= order.UserId;
        purchase.UserName ??= order.UserName;
        purchase.ProtectedMobilePhone ??= order.ProtectedMobilePhone;
        purchase.ProtectedEmail ??= order.ProtectedEmail;
        instance.ExpireTime ??= order.ExpireTime;
        purchase.UpdatedAt = now;

        var newest = purchase.OrderCreateTime is not { } current || (order.CreateTime is { } created && created >= current);
        if (!newest || OrderKinds.Withdraws(order.Kind))
        {
            return;
        }

        instance.ProductId = order.ProductId ?? instance.ProductId;
        instance.SkuCode = order.SkuCode ?? instance.SkuCode;
        instance.ChargingMode = order.ChargingMode ?? instance.ChargingMode;
        purchase.LinearValue = order.LinearValue ?? purchase.LinearValue;
        purchase.PeriodType = order.PeriodType ?? purchase.PeriodType;
        purchase.PeriodNumber = order.PeriodNumber ?? purchase.PeriodNumber;
        purchase.Trial = order.Kind == OrderKinds.TrialToFormal ? false : order.Trial ?? purchase.Trial;
        purchase.ExtendParamsJson = order.ExtendParamsJson ?? purchase.ExtendParamsJson;
        purchase.OrderId = order.OrderId;
        purchase.OrderLineId = order.OrderLineId;
        purchase.OrderCreateTime = order.CreateTime ?? now;
    }
}

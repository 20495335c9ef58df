using KooGate.Server.Background;
using KooGate.Server.Configuration;
using KooGate.Server.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace KooGate.Server.Orders;

/// <summary>
/// Fetches 查询订单 for every recorded order line (every order applied to a V2 instance, every orderNotify) in the background, so a slow or failing open API
/// never delays a callback. A fetch is claimed by bumping <see cref="OrderDetails.Attempts"/> conditionally (safe
/// across server processes); failures back off exponentially and end in <see cref="OrderFetchStatus.Failed"/>, which is
/// tried again <see cref="MarketplaceOptions.FailedFetchRetries"/> more times on a slower backoff, so details (and
/// <c>instance.order_details</c>) still arrive after a long outage of the open API.
/// </summary>
public sealed class OrderFetcher(
    IServiceScopeFactory scopes,
    IOptions<KooGateOptions> options,
    TimeProvider time,
    ILogger<OrderFetcher> logger,
    Observability.KooGateMetrics metrics) : PeriodicWorker(time, logger)
{
    private const int BatchSize = 16;

    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(2);

    private MarketplaceOptions Settings => options.Value.Marketplace;

    protected override TimeSpan Interval => TimeSpan.FromMilliseconds(Math.Max(50, Settings.PollIntervalMilliseconds));

    protected override async Task<bool> RunOnceAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<KooGateDbContext>();
        var now = Time.GetUtcNow();
        if (!Settings.IsConfigured)
        {
            await db.Orders.Where(o => o.Status == OrderFetchStatus.Pending)
                .ExecuteUpdateAsync(s => s.SetProperty(o => o.Status, OrderFetchStatus.NotConfigured), cancellationToken);
            return false;
        }

        // Configured since: orders recorded meanwhile are fetched now.
        await db.Orders.Where(o => o.Status == OrderFetchStatus.NotConfigured)
            .ExecuteUpdateAsync(s => s.SetProperty(o => o.Status, OrderFetchStatus.Pending).SetProperty(o => o.NextAttemptAt, now), cancellationToken);

        var budget = Settings.FetchMaxAttempts + Settings.FailedFetchRetries;
        var due = await db.Orders.AsNoTracking()
            .Where(o => (o.Status == OrderFetchStatus.Pending || (o.Status == OrderFetchStatus.Failed && o.Attempts < budget)) && o.NextAttemptAt <= now)
            .OrderBy(o => o.NextAttemptAt)
            .Select(o => new { o.OrderId, o.OrderLineId, o.Attempts, o.Status })
            .Take(BatchSize)
            .ToListAsync(cancellationToken);

        var source = scope.ServiceProvider.GetRequiredService<IOrderSource>();
        var fetched = 0;
        foreach (var order in due)
        {
            var claimed = await db.Orders
                .Where(o => o.OrderId == order.OrderId && o.OrderLineId == order.OrderLineId && o.Status == order.Status && o.Attempts == order.Attempts)
                .ExecuteUpdateAsync(s => s.SetProperty(o => o.Attempts, order.Attempts + 1).SetProperty(o => o.NextAttemptAt, now + Lease), cancellationToken);
            if (claimed == 1)
            {
                await FetchAsync(scope.ServiceProvider, db, source, order.OrderId, order.OrderLineId, cancellationToken);
                fetched++;
            }
        }

        return fetched == BatchSize;
    }

    private async Task FetchAsync(IServiceProvider scope, KooGateDbContext db, IOrderSource source, string orderId, string orderLineId, CancellationToken cancellationToken)
    {
        string? error;
        Protocol.Messages.QueryOrderResponse? response = null;
        try
        {
            response = await source.QueryOrderAsync(orderId, cancellationToken);
            error = response.IsSuccess ? null : $"{response.ResultCode} {response.ResultMsg}";
            if (error is not null)
            {
                metrics.RecordOpenApiFailure("query_order", "result_code");
            }
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            error = $"{e.GetType().Name}: {e.Message}";
            metrics.RecordOpenApiFailure("query_order", e.GetType().Name);
        }

        db.ChangeTracker.Clear();
        var order = await db.Orders.SingleAsync(o => o.OrderId == orderId && o.OrderLineId == orderLineId, CancellationToken.None);
        var now = Time.GetUtcNow();
        if (error is null && response!.OrderInfo is { } info)
        {
            OrderDetailsMapper.Apply(order, info, response, scope.GetRequiredService<SecretProtector>(), now);
            order.Status = OrderFetchStatus.Fetched;
            order.LastError = null;
            await ApplyToInstanceAsync(db, scope.GetRequiredService<Outbox.InstanceEvents>(), order, now);
        }
        else
        {
            order.LastError = error ?? "查询订单 returned no orderInfo";
            if (order.Attempts >= Settings.FetchMaxAttempts)
            {
                var slowRetries = order.Attempts - Settings.FetchMaxAttempts;
                if (order.Status != OrderFetchStatus.Failed)
                {
                    logger.LogWarning("查询订单 for {OrderId}/{OrderLineId} failed {Attempts} times: {Error}", orderId, orderLineId, order.Attempts, order.LastError);
                }

                order.Status = OrderFetchStatus.Failed;
                if (slowRetries < Settings.FailedFetchRetries)
                {
                    order.NextAttemptAt = now + Backoff.After(slowRetries + 1, Settings.FailedFetchFirstRetrySeconds, Settings.FailedFetchMaxRetrySeconds);
                }
                else
                {
                    logger.LogWarning("查询订单 for {OrderId}/{OrderLineId} gave up after {Attempts} attempts: {Error}", orderId, orderLineId, order.Attempts, order.LastError);
                }
            }
            else
            {
                order.NextAttemptAt = now + Backoff.After(order.Attempts, Settings.FetchFirstRetrySeconds, Settings.FetchMaxRetrySeconds);
            }
        }

        try
        {
            await db.SaveChangesAsync(CancellationToken.None);
        }
        catch (DbUpdateConcurrencyException)
        {
            // The instance changed, or the dispatcher released a held event, meanwhile: fetch again at once, which
            // re-applies the details to the new state (and announces them with instance.order_details if needed).
            db.ChangeTracker.Clear();
            await db.Orders.Where(o => o.OrderId == orderId && o.OrderLineId == orderLineId)
                .ExecuteUpdateAsync(s => s.SetProperty(o => o.NextAttemptAt, now), CancellationToken.None);
        }
    }

    /// <summary>
    /// Merges the details into the instance the order was applied to (if it is known yet: an order notified before its
    /// call waits for the call) and completes or follows up the events about the order.
    /// </summary>
    private static async Task ApplyToInstanceAsync(KooGateDbContext db, Outbox.InstanceEvents events, OrderDetails order, DateTimeOffset now)
    {
        if (order.InstanceId is null || await db.Instances.FirstOrDefaultAsync(i => i.InstanceId == order.InstanceId) is not { } instance)
        {
            return;
        }

        var purchase = await PurchaseLedger.PurchaseAsync(db, instance.InstanceId, now, CancellationToken.None);
        PurchaseLedger.Apply(instance, purchase, order, now);
        await events.CompleteAsync(db, instance, purchase, order, now, CancellationToken.None);
    }
}

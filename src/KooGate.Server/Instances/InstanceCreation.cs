using KooGate.Client.Events;
using KooGate.Server.Configuration;
using KooGate.Server.Data;
using KooGate.Server.Orders;
using KooGate.Server.Outbox;
using Microsoft.EntityFrameworkCore;

namespace KooGate.Server.Instances;

/// <summary>
/// The first transitions of an instance: create (→ provisioning, or straight to active/failed when the provisioner's
/// answer is known before the commit), provisioning → active/failed when the provisioner reports its outcome, and
/// failed → provisioning when a retry reopens it. Each writes the state, its event row and its hand-off event
/// (<c>instance.created</c>, <c>instance.provisioning_retried</c>; the outcome has none, the seller's provisioner
/// produced it) in one unit of work; a create's rows go to the group commit (<see cref="CreateCommits"/>), not a save of their own.
/// Provisioning decides and runs the seller's provisioner and reports here; the unique index on
/// (orderId, orderLineId, isTest) makes concurrent duplicate creates converge on the first row.
/// </summary>
public sealed class InstanceCreation(KooGateDbContext db, InstanceStore store, InstanceEvents events, SecretProtector protector, CreateCommits creates)
{
    private const int MaxCreateAttempts = 3;

    /// <summary>
    /// Creates the instance, or returns the one that already exists for the order line. The order line is recorded
    /// once (<see cref="PurchaseLedger"/>) whether <c>orderNotify</c> recorded it first or not; <see cref="NewInstance.FromCall"/>
    /// fills in what the call itself says about the purchase, else 查询订单 is queued. <c>instance.created</c> carries the
    /// purchase when it is known, else waits for it (see <see cref="InstanceEvents"/>). An <paramref name="outcome"/>
    /// known before the commit (an inline provisioner) is stored in the same unit of work. The insert is tried first:
    /// a repeated order costs a refused insert, a new one no extra lookup. Refused (<see cref="LifecycleStatus.BusinessIdTaken"/>)
    /// when the instance id already belongs to another order line.
    /// </summary>
    public async Task<CreateResult> CreateAsync(NewInstance purchase, ProvisionOutcome? outcome, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var instance = await AddAsync(purchase, outcome, cancellationToken);
            var refused = await InsertAsync(cancellationToken);
            if (refused is null)
            {
                return new CreateResult(instance, true);
            }

            if (refused is DbUpdateConcurrencyException && attempt < MaxCreateAttempts)
            {
                // The order line notified earlier changed meanwhile (its details were fetched): build on the new row.
                continue;
            }

            if (refused is not DbUpdateException conflict || !DatabaseErrors.IsUniqueViolation(conflict))
            {
                throw new InvalidOperationException("the instance could not be stored", refused);
            }

            if (await store.FindByOrderAsync(purchase.OrderId, purchase.OrderLineId, purchase.IsTest, cancellationToken) is { } winner)
            {
                return new CreateResult(winner, false);
            }

            // The id is taken by another order line: a retry cannot fix that, so it is a bad parameter, not 000005.
            if (await db.Instances.AsNoTracking().AnyAsync(i => i.InstanceId == purchase.BusinessId, cancellationToken))
            {
                return new CreateResult(null, false, new LifecycleOutcome(LifecycleStatus.BusinessIdTaken, purchase.BusinessId, purchase.OrderId, purchase.IsTest));
            }

            // The refused row was the order line, recorded meanwhile by a concurrent orderNotify: the next attempt finds it.
            if (attempt == MaxCreateAttempts)
            {
                throw new InvalidOperationException("unique violation without a conflicting instance", refused);
            }
        }
    }

    private async Task<InstanceRecord> AddAsync(NewInstance call, ProvisionOutcome? outcome, CancellationToken cancellationToken)
    {
        var (businessId, orderId, orderLineId, isTest, now) = (call.BusinessId, call.OrderId, call.OrderLineId, call.IsTest, call.Now);
        var instance = new InstanceRecord
        {
            InstanceId = businessId,
            OrderId = orderId,
            OrderLineId = orderLineId,
            IsTest = isTest,
            State = InstanceState.Provisioning,
            CreatedAt = now,
            UpdatedAt = now,
        };
        var purchase = new InstancePurchase { InstanceId = businessId, UpdatedAt = now };

        // Debug calls keep their purchase on the instance but record no order line (a real order may share its ids).
        var order = isTest
            ? Describe(new OrderDetails { OrderId = orderId, OrderLineId = orderLineId, Kind = call.Kind }, call.FromCall)
            : await PurchaseLedger.RecordAsync(db, orderId, orderLineId, businessId, call.Kind, now, cancellationToken, call.FromCall);
        if (PurchaseLedger.IsKnown(order))
        {
            PurchaseLedger.Apply(instance, purchase, order, now);
        }

        call.PurchaseExtras?.Invoke(purchase);
        db.Instances.Add(instance);
        db.Add(purchase);
        db.InstanceEvents.Add(new InstanceEvent { InstanceId = businessId, Type = "created", FromState = null, ToState = InstanceState.Provisioning, OrderId = orderId, At = now });
        if (!isTest)
        {
            events.AddForOrder(db, EventTypes.InstanceCreated, instance, purchase, order, new InstanceCreated { InstanceId = businessId }, now);
        }

        if (outcome is { Pending: false })
        {
            Apply(instance, outcome, now);
        }

        return instance;
    }

    private static OrderDetails Describe(OrderDetails order, Action<OrderDetails>? fromCall)
    {
        if (fromCall is not null)
        {
            fromCall(order);
            order.Status = OrderFetchStatus.FromCall;
        }

        return order;
    }

    /// <summary>Hands the new rows to the group commit (<see cref="CreateCommits"/>), or saves directly when the unit of work holds more than inserts.</summary>
    private async Task<Exception?> InsertAsync(CancellationToken cancellationToken)
    {
        var entries = db.ChangeTracker.Entries().ToList();
        if (entries.Any(e => e.State is not (EntityState.Added or EntityState.Unchanged)))
        {
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                return null;
            }
            catch (DbUpdateException e)
            {
                db.ChangeTracker.Clear();
                return e;
            }
        }

        var rows = entries.Where(e => e.State == EntityState.Added).Select(e => e.Entity).ToList();
        db.ChangeTracker.Clear();
        return await creates.InsertAsync(rows);
    }

    /// <summary>Records the provisioner's outcome on a provisioning instance (no-op once it left that state).</summary>
    public async Task<InstanceRecord?> CompleteProvisioningAsync(string instanceId, ProvisionOutcome outcome, DateTimeOffset now, CancellationToken cancellationToken)
    {
        db.ChangeTracker.Clear();
        var instance = await store.FindAsync(instanceId, cancellationToken);
        if (instance is null || instance.State != InstanceState.Provisioning || outcome.Pending)
        {
            return instance;
        }

        Apply(instance, outcome, now);
        await db.SaveChangesAsync(cancellationToken);
        return instance;
    }

    /// <summary>
    /// Puts a failed instance back into provisioning so the provisioner runs again (KooGallery's next create retry,
    /// the admin API, the dashboard). False when the instance is unknown, not failed, or another caller reopened it
    /// first (the version check): only one of concurrent retries runs the provisioner.
    /// </summary>
    public async Task<(InstanceRecord? Instance, bool Reopened)> ReopenFailedAsync(string instanceId, string reason, DateTimeOffset now, CancellationToken cancellationToken)
    {
        db.ChangeTracker.Clear();
        var instance = await store.FindAsync(instanceId, cancellationToken);
        if (instance is null || instance.State != InstanceState.Failed || instance.IsTest)
        {
            return (instance, false);
        }

        var previous = $"{reason}; was {instance.FailureCode} {instance.FailureMessage}".TrimEnd();
        instance.FailureCode = null;
        instance.FailureMessage = null;
        store.Transition(instance, InstanceState.Provisioning, "provisioning-retried", null, now, previous);
        var purchase = await db.Set<InstancePurchase>().AsNoTracking().FirstOrDefaultAsync(p => p.InstanceId == instanceId, cancellationToken);
        events.Add(db, EventTypes.InstanceProvisioningRetried, instance, purchase, new InstanceProvisioningRetried { InstanceId = instanceId, Reason = reason, OrderId = instance.OrderId, OrderLineId = instance.OrderLineId }, now);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return (instance, true);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return (await db.Instances.AsNoTracking().FirstOrDefaultAsync(i => i.InstanceId == instanceId, cancellationToken), false);
        }
    }

    /// <summary>Records a finished provisioning outcome on the instance (caller saves).</summary>
    private void Apply(InstanceRecord instance, ProvisionOutcome outcome, DateTimeOffset now)
    {
        if (outcome.AppInfo is { } app)
        {
            instance.FrontEndUrl = app.FrontEndUrl;
            instance.AdminUrl = app.AdminUrl;
            instance.UserName = app.UserName;
            instance.ProtectedPassword = app.Password is null ? null : protector.Protect(app.Password);
            instance.Memo = app.Memo;
            store.Transition(instance, InstanceState.Active, "provisioned", null, now);
        }
        else
        {
            instance.FailureCode = outcome.FailureCode ?? Protocol.ResultCode.InternalError.Code;
            instance.FailureMessage = outcome.FailureMessage;
            store.Transition(instance, InstanceState.Failed, "provisioning-failed", null, now, outcome.FailureMessage);
        }
    }
}

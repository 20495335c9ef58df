using KooGate.Client.Events;
using KooGate.Server.Data;
using KooGate.Server.Orders;
using KooGate.Server.Outbox;
using Microsoft.EntityFrameworkCore;

namespace KooGate.Server.Instances;

/// <summary>
/// Instance state changes, each with its event-log row and hand-off event in one transaction. The unique index on
/// (orderId, orderLineId, isTest) makes concurrent duplicate creates converge on the first row.
/// </summary>
public sealed class InstanceStore(KooGateDbContext db, InstanceEvents events, Configuration.SecretProtector protector, CreateCommits creates)
{
    private const int MaxCreateAttempts = 3;

    public InstanceEvents Events => events;

    /// <summary>
    /// Creates the instance, or returns the one that already exists for the order line. The order line is recorded
    /// once (<see cref="PurchaseLedger"/>) whether <c>orderNotify</c> recorded it first or not; <paramref name="fromCall"/>
    /// fills in what the call itself says about the purchase (V1, legacy License, the inline V2 body), else 查询订单 is
    /// queued. <c>instance.created</c> carries the purchase when it is known, else waits for it (see
    /// <see cref="InstanceEvents"/>). An <paramref name="outcome"/> known before the commit (<see cref="IInlineProvisioner"/>)
    /// is stored in the same transaction. The insert is tried first: a repeated order costs a refused insert, a new
    /// one no extra lookup.
    /// </summary>
    public async Task<(InstanceRecord Instance, bool Created)> CreateOrGetAsync(
        string businessId, string orderId, string orderLineId, bool isTest, DateTimeOffset now, CancellationToken cancellationToken,
        string kind = OrderKinds.New, Action<OrderDetails>? fromCall = null, ProvisionOutcome? outcome = null, Action<InstancePurchase>? purchaseExtras = null)
    {
        for (var attempt = 1; ; attempt++)
        {
            var instance = await AddAsync(businessId, orderId, orderLineId, isTest, now, kind, fromCall, outcome, purchaseExtras, cancellationToken);
            var refused = await InsertAsync(cancellationToken);
            if (refused is null)
            {
                return (instance, true);
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

            if (await FindByOrderAsync(orderId, orderLineId, isTest, cancellationToken) is { } winner)
            {
                return (winner, false);
            }

            // The id is taken by another order line: a retry cannot fix that, so it is a bad parameter, not 000005.
            if (await db.Instances.AsNoTracking().AnyAsync(i => i.InstanceId == businessId, cancellationToken))
            {
                throw new Produce.FieldException("businessId", "is already the instance of another order");
            }

            // The refused row was the order line, recorded meanwhile by a concurrent orderNotify: the next attempt finds it.
            if (attempt == MaxCreateAttempts)
            {
                throw new InvalidOperationException("unique violation without a conflicting instance", refused);
            }
        }
    }

    private async Task<InstanceRecord> AddAsync(
        string businessId, string orderId, string orderLineId, bool isTest, DateTimeOffset now, string kind, Action<OrderDetails>? fromCall,
        ProvisionOutcome? outcome, Action<InstancePurchase>? purchaseExtras, CancellationToken cancellationToken)
    {
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
            ? Describe(new OrderDetails { OrderId = orderId, OrderLineId = orderLineId, Kind = kind }, fromCall)
            : await PurchaseLedger.RecordAsync(db, orderId, orderLineId, businessId, kind, now, cancellationToken, fromCall);
        if (PurchaseLedger.IsKnown(order))
        {
            PurchaseLedger.Apply(instance, purchase, order, now);
        }

        purchaseExtras?.Invoke(purchase);
        db.Instances.Add(instance);
        db.Add(purchase);
        db.InstanceEvents.Add(Event(instance.InstanceId, "created", null, InstanceState.Provisioning, orderId, now));
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

    public Task<InstanceRecord?> FindByOrderAsync(string orderId, string orderLineId, bool isTest, CancellationToken cancellationToken) =>
        db.Instances.AsNoTracking().FirstOrDefaultAsync(i => i.OrderId == orderId && i.OrderLineId == orderLineId && i.IsTest == isTest, cancellationToken);

    public Task<InstanceRecord?> FindAsync(string instanceId, CancellationToken cancellationToken) =>
        db.Instances.FirstOrDefaultAsync(i => i.InstanceId == instanceId, cancellationToken);

    /// <summary>Records the provisioner's outcome on a provisioning instance (no-op once it left that state).</summary>
    public async Task<InstanceRecord?> CompleteProvisioningAsync(string instanceId, ProvisionOutcome outcome, DateTimeOffset now, CancellationToken cancellationToken)
    {
        db.ChangeTracker.Clear();
        var instance = await FindAsync(instanceId, cancellationToken);
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
        var instance = await FindAsync(instanceId, cancellationToken);
        if (instance is null || instance.State != InstanceState.Failed || instance.IsTest)
        {
            return (instance, false);
        }

        var previous = $"{reason}; was {instance.FailureCode} {instance.FailureMessage}".TrimEnd();
        instance.FailureCode = null;
        instance.FailureMessage = null;
        Transition(instance, InstanceState.Provisioning, "provisioning-retried", null, now, previous);
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
            Transition(instance, InstanceState.Active, "provisioned", null, now);
        }
        else
        {
            instance.FailureCode = outcome.FailureCode ?? Protocol.ResultCode.InternalError.Code;
            instance.FailureMessage = outcome.FailureMessage;
            Transition(instance, InstanceState.Failed, "provisioning-failed", null, now, outcome.FailureMessage);
        }
    }

    public string? Password(InstanceRecord instance) =>
        instance.ProtectedPassword is null ? null : protector.Unprotect(instance.ProtectedPassword);

    /// <summary>Changes state and appends the event row (caller saves).</summary>
    public void Transition(InstanceRecord instance, InstanceState to, string type, string? orderId, DateTimeOffset now, string? detail = null)
    {
        db.InstanceEvents.Add(Event(instance.InstanceId, type, instance.State, to, orderId, now, detail));
        instance.State = to;
        instance.UpdatedAt = now;
    }

    /// <summary>Appends an event row without a state change and saves it.</summary>
    public Task NoteAsync(InstanceRecord instance, string type, string? orderId, DateTimeOffset now, string? detail, CancellationToken cancellationToken)
    {
        Note(instance, type, orderId, now, detail);
        return db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>The quantity the instance was bought with (<see cref="ChangeCheck.CurrentQuantity"/>), if known.</summary>
    public Task<decimal?> QuantityAsync(string instanceId, CancellationToken cancellationToken) =>
        ChangeCheck.CurrentQuantity.ForAsync(db, instanceId, cancellationToken);

    /// <summary>Appends an event row without a state change (caller saves).</summary>
    public void Note(InstanceRecord instance, string type, string? orderId, DateTimeOffset now, string? detail = null) =>
        db.InstanceEvents.Add(Event(instance.InstanceId, type, instance.State, instance.State, orderId, now, detail));

    private static InstanceEvent Event(string instanceId, string type, InstanceState? from, InstanceState? to, string? orderId, DateTimeOffset now, string? detail = null) =>
        new() { InstanceId = instanceId, Type = type, FromState = from, ToState = to, OrderId = orderId, At = now, Detail = detail };
}

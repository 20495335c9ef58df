using KooGate.Server.Data;
using KooGate.Server.Provisioning;
using Microsoft.EntityFrameworkCore;

namespace KooGate.Server.Instances;

/// <summary>
/// Instance state changes, each with its event-log row and hand-off event in one transaction. The unique index on
/// (orderId, orderLineId, isTest) makes concurrent duplicate creates converge on the first row.
/// </summary>
public sealed class InstanceStore(KooGateDbContext db, OutboxWriter outbox, Configuration.SecretProtector protector, CreateCommits creates)
{
    public KooGateDbContext Db => db;

    /// <summary>
    /// Creates the instance, or returns the one that already exists for the order line. <paramref name="describe"/>
    /// fills in what the call itself says about the purchase (and may add companion rows to <see cref="Db"/>); V1
    /// calls carry those details, so they do not queue the 查询订单 fetch (<paramref name="fetchOrder"/>). An
    /// <paramref name="outcome"/> known before the commit (<see cref="IInlineProvisioner"/>) is stored in the same
    /// transaction. The insert is tried first: a repeated order costs a refused insert, a new one no extra lookup.
    /// </summary>
    public async Task<(InstanceRecord Instance, bool Created)> CreateOrGetAsync(
        string businessId, string orderId, string orderLineId, bool isTest, DateTimeOffset now, CancellationToken cancellationToken,
        Action<InstanceRecord>? describe = null, bool fetchOrder = true, ProvisionOutcome? outcome = null)
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
        describe?.Invoke(instance);
        db.Instances.Add(instance);
        db.InstanceEvents.Add(Event(instance.InstanceId, "created", null, InstanceState.Provisioning, orderId, now));
        if (!isTest && fetchOrder)
        {
            db.Orders.Add(new OrderDetails { OrderId = orderId, OrderLineId = orderLineId, InstanceId = businessId, NextAttemptAt = now });
        }

        if (!isTest)
        {
            outbox.Add(db, "instance.created", businessId, new { orderId, orderLineId }, now);
        }

        if (outcome is { Pending: false })
        {
            Apply(instance, outcome, now);
        }

        var refused = await InsertAsync(cancellationToken);
        if (refused is null)
        {
            return (instance, true);
        }

        if (refused is not DbUpdateException conflict || !DatabaseErrors.IsUniqueViolation(conflict))
        {
            throw new InvalidOperationException("the instance could not be stored", refused);
        }

        var winner = await FindByOrderAsync(orderId, orderLineId, isTest, cancellationToken);
        if (winner is not null)
        {
            return (winner, false);
        }

        // The id is taken by another order line: a retry cannot fix that, so it is a bad parameter, not 000005.
        return await db.Instances.AsNoTracking().AnyAsync(i => i.InstanceId == businessId, cancellationToken)
            ? throw new Produce.FieldException("businessId", "is already the instance of another order")
            : throw new InvalidOperationException("unique violation without a conflicting instance", refused);
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
        outbox.Add(db, "instance.provisioning_retried", instanceId, new { orderId = instance.OrderId, orderLineId = instance.OrderLineId, productId = instance.ProductId }, now);
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

    /// <summary>Appends an event row without a state change (caller saves).</summary>
    public void Note(InstanceRecord instance, string type, string? orderId, DateTimeOffset now, string? detail = null) =>
        db.InstanceEvents.Add(Event(instance.InstanceId, type, instance.State, instance.State, orderId, now, detail));

    private static InstanceEvent Event(string instanceId, string type, InstanceState? from, InstanceState? to, string? orderId, DateTimeOffset now, string? detail = null) =>
        new() { InstanceId = instanceId, Type = type, FromState = from, ToState = to, OrderId = orderId, At = now, Detail = detail };
}

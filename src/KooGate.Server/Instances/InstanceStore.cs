using KooGate.Server.Data;
using KooGate.Server.Outbox;
using Microsoft.EntityFrameworkCore;

namespace KooGate.Server.Instances;

/// <summary>
/// Reads instances and appends their event-log rows for the lifecycle types (<see cref="InstanceCreation"/>,
/// <see cref="InstanceLifecycle"/>, <see cref="InstanceLicenses"/>), which write each state change with its event row and
/// hand-off event in one unit of work.
/// </summary>
public sealed class InstanceStore(KooGateDbContext db, InstanceEvents events)
{
    public InstanceEvents Events => events;

    public Task<InstanceRecord?> FindByOrderAsync(string orderId, string orderLineId, bool isTest, CancellationToken cancellationToken) =>
        db.Instances.AsNoTracking().FirstOrDefaultAsync(i => i.OrderId == orderId && i.OrderLineId == orderLineId && i.IsTest == isTest, cancellationToken);

    public Task<InstanceRecord?> FindAsync(string instanceId, CancellationToken cancellationToken) =>
        db.Instances.FirstOrDefaultAsync(i => i.InstanceId == instanceId, cancellationToken);

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

using KooGate.Protocol;
using KooGate.Protocol.Messages;
using KooGate.Server.Configuration;
using KooGate.Server.Data;
using KooGate.Server.Instances;
using KooGate.Server.Provisioning;
using Microsoft.EntityFrameworkCore;

namespace KooGate.Server.Produce.SaasV2;

/// <summary>
/// <c>refreshInstance</c> (saas-v2.md §3.3): trial conversion, renewal, renewal refund or renewal change sets the new
/// expiry. Each order line is applied once (§1.7): the <see cref="AppliedOrder"/> row commits with the update, so a
/// repeat — even a concurrent one — answers success without extending again. A released instance cannot be renewed.
/// </summary>
public sealed class RefreshInstanceHandler(InstanceStore store, OutboxWriter outbox) : IActivityHandler
{
    public const string AppliedKind = "refresh";

    public string Activity => "refreshInstance";

    public InterfaceType KeyType => InterfaceType.Basic;

    public async Task<ProduceResult> HandleAsync(ProduceCall call, CancellationToken cancellationToken)
    {
        var request = call.Parse<RefreshInstanceRequest>();
        var (scene, orderId, orderLineId, instanceId) = (request.Scene, request.OrderId, request.OrderLineId, request.InstanceId);
        var productId = request.ProductId is { Length: > 0 } p ? p : null;
        if (!request.TryGetExpireTime(out var expireTime))
        {
            throw new FieldException("expireTime", "must be a UTC time of 14 or 17 digits (yyyyMMddHHmmss[SSS])");
        }

        var instance = await store.FindAsync(instanceId, cancellationToken);
        if (instance is null)
        {
            return ProduceResult.Unknown(call, instanceId) with { OrderId = orderId };
        }

        if (instance.State == InstanceState.Released)
        {
            return new ProduceResult(ResultCode.InstanceNotFound.WithMessage("instance is released")) { InstanceId = instanceId, OrderId = orderId };
        }

        var result = ProduceResult.Success() with { InstanceId = instanceId, OrderId = orderId };
        if (call.IsTest)
        {
            // Debug probes are validated and answered, never applied.
            return result;
        }

        store.Db.AppliedOrders.Add(new AppliedOrder { OrderId = orderId, OrderLineId = orderLineId, Kind = AppliedKind, InstanceId = instanceId, AppliedAt = call.Now });
        instance.ExpireTime = expireTime;
        instance.ProductId = productId ?? instance.ProductId;
        instance.UpdatedAt = call.Now;
        store.Note(instance, "renewed", orderId, call.Now, scene);
        outbox.Add(store.Db, "instance.renewed", instanceId, new { scene, orderId, orderLineId, productId, expireTime = KooTime.ToUtc14(expireTime) }, call.Now);
        try
        {
            await store.Db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (DatabaseErrors.IsUniqueViolation(e))
        {
            // This order line was applied already: answer success, change nothing.
            store.Db.ChangeTracker.Clear();
        }

        return result;
    }
}

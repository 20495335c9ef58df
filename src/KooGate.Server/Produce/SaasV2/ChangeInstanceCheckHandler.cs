using KooGate.Protocol;
using KooGate.Protocol.Messages;
using KooGate.Server.ChangeCheck;
using KooGate.Server.Data;
using KooGate.Server.Instances;

namespace KooGate.Server.Produce.SaasV2;

/// <summary>
/// <c>changeInstanceCheck</c> (saas-v2.md §3.7): may a renewal change the instance's spec? <c>productInfo</c> arrives
/// as a JSON object or as a string holding one. The product's change-check policy decides (<see cref="ChangeCheckDecider"/>):
/// allowed answers 000000, denied 000005 with the reason as <c>resultMsg</c>; released or unknown instances 000003.
/// </summary>
public sealed class ChangeInstanceCheckHandler(InstanceStore store, ChangeCheckDecider decider) : IActivityHandler<ChangeInstanceCheckRequest>
{
    private const int MaxMessageLength = 255;

    public async Task<ProduceResult> HandleAsync(ProduceCall<ChangeInstanceCheckRequest> call, CancellationToken cancellationToken)
    {
        var request = call.Request;
        var instanceId = request.InstanceId;
        if (!request.TryGetProductInfo(out var target))
        {
            throw new FieldException("productInfo", "must be a JSON object or a string holding one");
        }

        var instance = await store.FindAsync(instanceId, cancellationToken);
        if (instance is null)
        {
            return ProduceResult.Unknown(call, instanceId);
        }

        if (instance.State == InstanceState.Released)
        {
            return ProduceResult.NotFound(instanceId);
        }

        var quantity = await store.QuantityAsync(instanceId, cancellationToken);
        var change = new ChangeRequest(instanceId, instance.ProductId, instance.SkuCode, quantity, target, target.ToJsonElement(), call.IsTest);
        var decision = await decider.DecideAsync(change, cancellationToken);
        await store.NoteAsync(instance, decision.Allowed ? "change-allowed" : "change-denied", null, call.Now,
            $"{decision.By}: {target.ProductId} {target.SkuCode} {target.LinearValue}{(decision.Reason is { } why ? " — " + why : string.Empty)}", cancellationToken);
        return decision.Allowed
            ? ProduceResult.Success() with { InstanceId = instanceId }
            : new ProduceResult(ResultCode.InternalError.WithMessage(Truncate(decision.Reason ?? ResultCode.InternalError.Message))) { InstanceId = instanceId };
    }

    private static string Truncate(string message) => message.Length <= MaxMessageLength ? message : message[..MaxMessageLength];
}

using System.Text.Json;
using KooGate.Protocol.Messages;
using KooGate.Server.Configuration;
using KooGate.Server.Instances;
using Microsoft.EntityFrameworkCore;

namespace KooGate.Server.Produce.SaasV2;

/// <summary>
/// <c>changeInstanceCheck</c> (saas-v2.md §3.7): may a renewal change the instance's spec? <c>productInfo</c> arrives
/// as a JSON object or as a string holding one; its structure is unconfirmed, so any object is accepted and every
/// change of a known instance is allowed (000000).
/// </summary>
public sealed class ChangeInstanceCheckHandler(InstanceStore store) : IActivityHandler
{
    public string Activity => "changeInstanceCheck";

    public InterfaceType KeyType => InterfaceType.Basic;

    public async Task<ProduceResult> HandleAsync(ProduceCall call, CancellationToken cancellationToken)
    {
        var request = call.Parse<ChangeInstanceCheckRequest>();
        var instanceId = request.InstanceId;
        if (!request.TryGetProductInfo(out _))
        {
            throw new FieldException("productInfo", "must be a JSON object or a string holding one");
        }

        var known = await store.Db.Instances.AsNoTracking().AnyAsync(i => i.InstanceId == instanceId, cancellationToken);
        return known ? ProduceResult.Success() with { InstanceId = instanceId } : ProduceResult.Unknown(call, instanceId);
    }
}

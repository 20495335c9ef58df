using System.Text.Json;
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
        var instanceId = call.Fields.Required("instanceId", 64);
        RequireProductInfo(call.Fields);

        var known = await store.Db.Instances.AsNoTracking().AnyAsync(i => i.InstanceId == instanceId, cancellationToken);
        return known ? ProduceResult.Success() with { InstanceId = instanceId } : ProduceResult.Unknown(call, instanceId);
    }

    private static void RequireProductInfo(RequestFields fields)
    {
        const string name = "productInfo";
        if (!fields.Root.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null
            || (value.ValueKind == JsonValueKind.String && value.GetString() is { Length: 0 }))
        {
            throw new FieldException(name, "is missing");
        }

        if (value.ValueKind == JsonValueKind.Object || (value.ValueKind == JsonValueKind.String && HoldsObject(value.GetString()!)))
        {
            return;
        }

        throw new FieldException(name, "must be a JSON object or a string holding one");
    }

    private static bool HoldsObject(string text)
    {
        try
        {
            using var document = JsonDocument.Parse(text);
            return document.RootElement.ValueKind == JsonValueKind.Object;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}

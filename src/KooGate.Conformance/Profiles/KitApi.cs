using KooGate.Conformance.Wire;

namespace KooGate.Conformance.Profiles;

/// <summary>What one Kit sync is about.</summary>
internal sealed record KitArgs(string InstanceId, string TenantId, string OrgCode, int Flag, bool Test)
{
    public int TestFlag => Test ? Protocol.Messages.KitTestFlags.Debug : Protocol.Messages.KitTestFlags.Real;
}

/// <summary>One Kit interface; <see cref="SkipReason"/> when it cannot be called (no RSA public key for applicationSync).</summary>
internal sealed record KitOperation(string Name, Func<KitArgs, Fault, WireRequest> Build, bool HasDelete = true, string? SkipReason = null);

/// <summary>A Kit family (V2 x-sign or V1 authToken), its interfaces in the order KooGallery syncs them.</summary>
internal sealed record KitApi(string NamePrefix, JsonChannel Channel, string Spec, IReadOnlyList<KitOperation> Operations);

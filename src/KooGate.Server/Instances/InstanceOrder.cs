using KooGate.Server.Data;

namespace KooGate.Server.Instances;

/// <summary>
/// An order a call applies to an existing instance (renewal, upgrade), once: <see cref="AppliedKind"/> names it in the
/// applied-orders ledger, <see cref="OrderKind"/> in the order ledger. SaaS V1 and legacy License have no order line,
/// so their order is keyed (orderId, instanceId).
/// </summary>
public sealed record InstanceOrder(string AppliedKind, string OrderKind, string InstanceId, string OrderId, bool IsTest, DateTimeOffset Now)
{
    /// <summary>The order line (SaaS V2); null where the interface has none.</summary>
    public string? OrderLineId { get; init; }

    /// <summary>What the call itself says about the order (V1, legacy License); without it 查询订单 tells.</summary>
    public Action<OrderDetails>? FromCall { get; init; }

    /// <summary>What the call changes on the purchase beyond the order's own details.</summary>
    public Action<InstancePurchase>? ChangePurchase { get; init; }

    /// <summary>The event-log row's detail; the applied kind when null.</summary>
    public string? Detail { get; init; }

    /// <summary>The key of the order's rows: its order line, else the instance.</summary>
    public string LineId => OrderLineId ?? InstanceId;
}

using System.Diagnostics.CodeAnalysis;
using KooGate.Server.Data;
using KooGate.Server.Orders;

namespace KooGate.Server.Instances;

/// <summary>A purchase to create an instance for (SaaS V2, SaaS V1, legacy License <c>getLicense</c>).</summary>
public sealed record NewInstance(string BusinessId, string OrderId, string OrderLineId, bool IsTest, DateTimeOffset Now)
{
    /// <summary>The order ledger's kind (new purchase or trial).</summary>
    public string Kind { get; init; } = OrderKinds.New;

    /// <summary>The product, when the call names it (V1, legacy License); V2 <c>newInstance</c> leaves it to 查询订单.</summary>
    public string? ProductId { get; init; }

    /// <summary>What the call itself says about the purchase (V1, legacy License, the inline V2 body); without it 查询订单 tells.</summary>
    public Action<OrderDetails>? FromCall { get; init; }

    /// <summary>What the call stores on the purchase beyond the order's own details (the V1-only parameters).</summary>
    public Action<InstancePurchase>? PurchaseExtras { get; init; }
}

/// <summary>A create's result: the order line's instance and whether this call created it, or why it was refused.</summary>
public sealed record CreateResult(InstanceRecord? Instance, bool Created, LifecycleOutcome? Refused = null)
{
    [MemberNotNullWhen(true, nameof(Instance))]
    [MemberNotNullWhen(false, nameof(Refused))]
    public bool Stored => Instance is not null;
}

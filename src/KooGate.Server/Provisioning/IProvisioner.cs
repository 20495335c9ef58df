using KooGate.Server.Instances;

namespace KooGate.Server.Provisioning;

/// <summary>
/// A provisioning request for a new instance (or a retry of a failed one: same instance id). <see cref="ProductId"/> is
/// known when the call carried it (V1, legacy License) or 查询订单 already answered; V2 <c>newInstance</c> has none.
/// </summary>
public sealed record ProvisionRequest(string InstanceId, string OrderId, string OrderLineId, DateTimeOffset RequestedAt)
{
    public string? ProductId { get; init; }
}

/// <summary>
/// The seller's hook for creating resources. KooGate calls it after the instance row is committed; it may finish
/// within the synchronous budget (answer 000000) or later (answer 000004; completion via the admin API).
/// </summary>
public interface IProvisioner
{
    Task<ProvisionOutcome> ProvisionAsync(ProvisionRequest request, CancellationToken cancellationToken);
}

/// <summary>
/// A provisioner whose answer is known at once and has no side effects (the built-in automatic and webhook ones): its
/// outcome is stored in the instance's create transaction, which saves a second write and a lookup per purchase.
/// </summary>
public interface IInlineProvisioner : IProvisioner
{
    ProvisionOutcome Decide(ProvisionRequest request);
}

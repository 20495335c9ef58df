namespace KooGate.Server.Provisioning;

/// <summary>What the buyer receives: the SaaS address and, optionally, an admin account.</summary>
public sealed record AppInfo(string FrontEndUrl, string? AdminUrl = null, string? UserName = null, string? Password = null, string? Memo = null);

/// <summary>
/// A provisioning request for a new instance (or a retry of a failed one: same instance id). <see cref="ProductId"/> is
/// known when the call carried it (V1, legacy License) or 查询订单 already answered; V2 <c>newInstance</c> has none.
/// </summary>
public sealed record ProvisionRequest(string InstanceId, string OrderId, string OrderLineId, DateTimeOffset RequestedAt)
{
    public string? ProductId { get; init; }
}

/// <summary>The outcome: done with app info, still running (answer 000004), or failed with a result code.</summary>
public sealed record ProvisionOutcome(AppInfo? AppInfo, bool Pending, string? FailureCode = null, string? FailureMessage = null)
{
    public static ProvisionOutcome Done(AppInfo appInfo) => new(appInfo, false);

    public static ProvisionOutcome Later() => new(null, true);

    public static ProvisionOutcome Failed(string code, string message) => new(null, false, code, message);
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

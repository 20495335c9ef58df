using KooGate.Protocol;
using KooGate.Server.Instances;

namespace KooGate.Server.Produce;

/// <summary>How a lifecycle outcome (<see cref="LifecycleOutcome"/>) is answered on the production interface, for every family.</summary>
public static class LifecycleResults
{
    public static ProduceResult ToProduceResult(this LifecycleOutcome outcome) => outcome.Status switch
    {
        LifecycleStatus.Applied => ProduceResult.Success() with { InstanceId = outcome.InstanceId, OrderId = outcome.OrderId },
        LifecycleStatus.UnknownInstance => ProduceResult.Unknown(outcome.IsTest, outcome.InstanceId) with { OrderId = outcome.OrderId },
        LifecycleStatus.InstanceReleased => Refused(outcome, ResultCode.InstanceNotFound.WithMessage("instance is released")),
        LifecycleStatus.LicenseCodeReleased => Refused(outcome, ResultCode.InstanceNotFound.WithMessage("license code is released")),

        // Answered like a field the handler cannot use (000002 naming it), linked to no instance: it is not this order's.
        LifecycleStatus.BusinessIdTaken => ProduceResult.Invalid("businessId is already the instance of another order"),
        _ => throw new ArgumentOutOfRangeException(nameof(outcome), outcome.Status, "unknown lifecycle status"),
    };

    public static async Task<ProduceResult> ToProduceResultAsync(this Task<LifecycleOutcome> outcome) => (await outcome).ToProduceResult();

    private static ProduceResult Refused(LifecycleOutcome outcome, ResultCode code) =>
        new(code) { InstanceId = outcome.InstanceId, OrderId = outcome.OrderId };
}

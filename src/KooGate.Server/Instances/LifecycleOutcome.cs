namespace KooGate.Server.Instances;

/// <summary>What a lifecycle transition did; the calling interface turns it into its own reply.</summary>
public enum LifecycleStatus
{
    /// <summary>Applied now, or already applied by an earlier call (repeats succeed without side effects).</summary>
    Applied,

    /// <summary>No such instance (a debug call is still answered as a success).</summary>
    UnknownInstance,

    /// <summary>The instance is released and cannot be renewed or upgraded.</summary>
    InstanceReleased,

    /// <summary>The license code is released and cannot be renewed or unfrozen.</summary>
    LicenseCodeReleased,

    /// <summary>A create's instance id (businessId) is already the instance of another order line; a retry cannot fix that.</summary>
    BusinessIdTaken,
}

/// <summary>The outcome of a lifecycle transition with the instance (or license code) and order it concerns.</summary>
public sealed record LifecycleOutcome(LifecycleStatus Status, string InstanceId, string? OrderId, bool IsTest = false)
{
    public static LifecycleOutcome Applied(string instanceId, string? orderId) => new(LifecycleStatus.Applied, instanceId, orderId);

    public static LifecycleOutcome Unknown(string instanceId, string? orderId, bool isTest) => new(LifecycleStatus.UnknownInstance, instanceId, orderId, isTest);
}

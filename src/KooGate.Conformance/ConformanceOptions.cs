namespace KooGate.Conformance;

/// <summary>What to check and how.</summary>
public sealed record ConformanceOptions
{
    /// <summary>The marketplace's default call timeout (saas-v2.md §1.2; README decision 12).</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(5);

    /// <summary>The registered production address; Kit sub-paths are appended to it as KooGallery does.</summary>
    public required Uri ProductionUrl { get; init; }

    public required ConformanceProfile Profile { get; init; }

    /// <summary>The accessKey bound to the profile's interface type, or the V1 Key for V1 and legacy License.</summary>
    public required string Key { get; init; }

    /// <summary>With <see cref="ConformanceProfile.SaasV2"/>: also run the Kit V2 checks with this key.</summary>
    public string? KitKey { get; init; }

    /// <summary>PEM of the seller's RSA public key, to encrypt <c>applicationSync.clientSecret</c> (saas-v2.md §2.7).</summary>
    public string? RsaPublicKeyPem { get; init; }

    public TimeSpan Timeout { get; init; } = DefaultTimeout;

    /// <summary>Called after each check with its result (a progress display); from the runner's thread, in order.</summary>
    public Action<CheckResult>? OnCheckCompleted { get; init; }

    /// <summary>Only debug calls (<c>testFlag=1</c>) and calls about ids that do not exist: checks needing real calls are skipped.</summary>
    public bool DebugOnly { get; init; }

    /// <summary>
    /// Also check the 续费变更 interfaces (<c>changeInstanceCheck</c>, <c>refreshInstance RENEWAL_CHANGE</c>), which only
    /// products that enable renewal with change implement.
    /// </summary>
    public bool ChangeCheck { get; init; }

    /// <summary>The product is on-demand: <c>queryInstance</c> of the debugger's on-demand order must carry usageInfo.</summary>
    public bool OnDemand { get; init; }

    /// <summary>A key bound to another interface type of the same address, which must not open this one.</summary>
    public string? OtherTypeKey { get; init; }

    public static readonly TimeSpan DefaultProvisioningWait = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How long a real create answering <c>000004</c> is followed (polling <c>queryInstance</c>) before the check fails;
    /// servers that provision in the seller's application (webhook mode) need longer.
    /// </summary>
    public TimeSpan ProvisioningWait { get; init; } = DefaultProvisioningWait;

    public TimeProvider Time { get; init; } = TimeProvider.System;
}

namespace KooGate.Server.Instances;

/// <summary>What the buyer receives: the SaaS address and, optionally, an admin account.</summary>
public sealed record AppInfo(string FrontEndUrl, string? AdminUrl = null, string? UserName = null, string? Password = null, string? Memo = null);

/// <summary>The outcome: done with app info, still running (answer 000004), or failed with a result code.</summary>
public sealed record ProvisionOutcome(AppInfo? AppInfo, bool Pending, string? FailureCode = null, string? FailureMessage = null)
{
    public static ProvisionOutcome Done(AppInfo appInfo) => new(appInfo, false);

    public static ProvisionOutcome Later() => new(null, true);

    public static ProvisionOutcome Failed(string code, string message) => new(null, false, code, message);
}

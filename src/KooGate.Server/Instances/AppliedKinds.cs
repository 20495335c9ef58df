namespace KooGate.Server.Instances;

/// <summary>
/// Which call applied an order once (<see cref="Data.AppliedOrder.Kind"/>): the same order may be applied by different
/// calls (a renewal and an upgrade), never twice by the same one.
/// </summary>
public static class AppliedKinds
{
    public const string Refresh = "refresh";
    public const string Upgrade = "upgrade";
    public const string V1Refresh = "v1-refresh";
    public const string V1Upgrade = "v1-upgrade";
    public const string LicenseRefresh = "license-refresh";
    public const string LicenseCodeRefresh = "license-code-refresh";
}

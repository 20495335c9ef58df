namespace KooGate.Conformance;

/// <summary>The interface families <c>koogate check</c> knows, named as on the command line.</summary>
public enum ConformanceProfile
{
    SaasV2,
    SaasV1,
    KitV2,
    KitV1,
    License,
    LicenseCode,
    OrderNotify,
    OnlineLicense,
}

public static class ConformanceProfiles
{
    private static readonly Dictionary<string, ConformanceProfile> ByName = new(StringComparer.OrdinalIgnoreCase)
    {
        ["saas-v2"] = ConformanceProfile.SaasV2,
        ["saas-v1"] = ConformanceProfile.SaasV1,
        ["kit-v2"] = ConformanceProfile.KitV2,
        ["kit-v1"] = ConformanceProfile.KitV1,
        ["license"] = ConformanceProfile.License,
        ["license-code"] = ConformanceProfile.LicenseCode,
        ["order-notify"] = ConformanceProfile.OrderNotify,
        ["online-license"] = ConformanceProfile.OnlineLicense,
    };

    public static IReadOnlyCollection<string> Names => ByName.Keys;

    public static bool TryParse(string? name, out ConformanceProfile profile) =>
        ByName.TryGetValue(name ?? string.Empty, out profile);

    public static string Name(this ConformanceProfile profile) => ByName.First(p => p.Value == profile).Key;
}

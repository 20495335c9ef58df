namespace KooGate.Server.Dashboard;

/// <summary>What to look at when the production interface refused a call's signature (the verdict the callback log recorded).</summary>
public static class SignatureHints
{
    public static string? For(string verdict) => verdict switch
    {
        _ when verdict.StartsWith("signature is invalid", StringComparison.Ordinal) =>
            "The call was signed with another key. Check that the interface type chosen in the seller center (basic, Kit, license, general) is the one whose key is configured (KooGate__Keys__<Type>), that the key was copied without spaces, that a rotated key was changed on both sides (keep the old one as Keys:<Type>:1 meanwhile), and that no proxy rewrites the body.",
        _ when verdict.StartsWith("timestamp is outside", StringComparison.Ordinal) =>
            "Clock skew: this server's clock and the marketplace's differ by more than the allowed window (±60 s by default). Check NTP on the host, or an old call replayed by hand.",
        _ when verdict.StartsWith("timestamp is malformed", StringComparison.Ordinal) =>
            "The timestamp is not Unix milliseconds: a hand-made call, or a V1 call sent to the V2 interface (check the version registered in the seller center).",
        _ when verdict.StartsWith("no key configured", StringComparison.Ordinal) =>
            "No key is configured for this interface type: set KooGate__Keys__<Type> to the key shown in the seller center.",
        _ when verdict.Contains("is missing", StringComparison.Ordinal) =>
            "The caller did not sign. The marketplace always signs: look for a scanner, a health probe on the production path, or a hand-made call.",
        _ => null,
    };
}

using System.Text;
using System.Text.Json.Nodes;

namespace KooGate.Conformance.Wire;

/// <summary>
/// The hostile edits of a signed request's body, applied after signing (<see cref="Fault"/>): the one place the runner
/// alters JSON by hand, because these bodies are malformed on purpose and no Protocol record can express them.
/// </summary>
internal static class Tampering
{
    /// <summary>Fields a tampered request changes, in order of preference: the ones a forger would want to change.</summary>
    private static readonly string[] Targets = ["orderId", "instanceId", "license", "tenantId", "customerId"];

    /// <summary>The name of the value a tampered request changes.</summary>
    public static string Target(IEnumerable<string> names)
    {
        var list = names.ToList();
        return Targets.FirstOrDefault(list.Contains)
            ?? list.First(n => n is not ("activity" or "timeStamp" or "testFlag" or "authToken"));
    }

    /// <summary>
    /// The body as sent for a fault applied after signing: one value changed, or a second <c>testFlag</c> (the real
    /// value, or null) appended after the last member, the attack shapes of README decision 13.
    /// </summary>
    public static byte[] Sent(byte[] body, Fault fault) => fault switch
    {
        Fault.TamperedBody => OneValueChanged(body),
        Fault.DuplicateKey => MemberAppended(body, "testFlag", RealTestFlag(body)),
        Fault.NullAppended => MemberAppended(body, "testFlag", "null"),
        _ => body,
    };

    /// <summary>The raw JSON of a real <c>testFlag</c> in the type the body uses (a string in V2, a number in Kit).</summary>
    private static string RealTestFlag(byte[] body) =>
        JsonNode.Parse(body)!.AsObject()["testFlag"] is JsonValue v && v.TryGetValue<long>(out _) ? "0" : "\"0\"";

    /// <summary>A duplicate key, which no serialiser writes: appended to the text.</summary>
    private static byte[] MemberAppended(byte[] body, string name, string rawValue)
    {
        var text = Encoding.UTF8.GetString(body).TrimEnd();
        return Encoding.UTF8.GetBytes($"{text[..^1]},\"{name}\":{rawValue}}}");
    }

    /// <summary>The same JSON object with one value changed (a string gets a suffix, a number is incremented).</summary>
    private static byte[] OneValueChanged(byte[] body)
    {
        var root = JsonNode.Parse(body)!.AsObject();
        var name = Target(root.Select(p => p.Key));
        var value = root[name];
        root[name] = value is JsonValue v && v.TryGetValue<long>(out var number) ? number + 1 : value + "X";
        return Encoding.UTF8.GetBytes(root.ToJsonString());
    }
}

using System.Security.Cryptography;
using System.Text.Json.Nodes;

namespace KooGate.Conformance.Wire;

/// <summary>
/// How one interface family signs its requests (and whether its replies must carry <c>Body-Sign</c>). Every builder
/// can inject a <see cref="Fault"/>.
/// </summary>
internal abstract class Channel(Uri productionUrl, string key, TimeProvider time)
{
    /// <summary>Fields a tampered request changes, in order of preference: the ones a forger would want to change.</summary>
    private static readonly string[] TamperTargets = ["orderId", "instanceId", "license", "tenantId", "customerId"];

    public string Key => key;

    /// <summary>A key bound to another interface type of the same address (<see cref="Fault.OtherTypeKey"/>), when known.</summary>
    public string? OtherTypeKey { get; set; }

    /// <summary>Whether requests carry a nonce (V2 and Kit V2) that a replay reuses.</summary>
    public abstract bool HasNonce { get; }

    /// <summary>V1 and legacy License replies must carry <c>Body-Sign</c> (README decision 6).</summary>
    public abstract bool RequiresBodySign { get; }

    protected Uri ProductionUrl => productionUrl;

    protected DateTimeOffset Now => time.GetUtcNow();

    protected string SigningKey(Fault fault) => fault switch
    {
        Fault.WrongKey => key + "-not-the-bound-key",
        Fault.OtherTypeKey => OtherTypeKey ?? throw new InvalidOperationException("no key of another interface type was given"),
        _ => key,
    };

    /// <summary>The signing time: now, or <paramref name="by"/> outside the window for a timestamp fault.</summary>
    protected DateTimeOffset SigningTime(Fault fault, TimeSpan by) => fault switch
    {
        Fault.StaleTimestamp => Now - by,
        Fault.FutureTimestamp => Now + by,
        _ => Now,
    };

    protected static string NewNonce() => Convert.ToHexString(RandomNumberGenerator.GetBytes(32));

    /// <summary>The production URL with a sub-path appended, as KooGallery appends the Kit paths (saas-v2.md §1.1).</summary>
    protected Uri WithPath(string subPath)
    {
        var builder = new UriBuilder(productionUrl);
        builder.Path = builder.Path.TrimEnd('/') + subPath;
        return builder.Uri;
    }

    protected Uri WithQuery(Uri uri, string query)
    {
        var builder = new UriBuilder(uri);
        var existing = builder.Query.TrimStart('?');
        builder.Query = existing.Length == 0 ? query : existing + "&" + query;
        return builder.Uri;
    }

    /// <summary>The name of the value a tampered request changes.</summary>
    public static string TamperTarget(IEnumerable<string> names)
    {
        var list = names.ToList();
        return TamperTargets.FirstOrDefault(list.Contains)
            ?? list.First(n => n is not ("activity" or "timeStamp" or "testFlag" or "authToken"));
    }

    /// <summary>
    /// The body as sent for a fault applied after signing: one value changed, or a second <c>testFlag</c> (the real
    /// value, or null) appended after the last member, the attack shapes of README decision 13.
    /// </summary>
    protected static byte[] Sent(byte[] body, Fault fault) => fault switch
    {
        Fault.TamperedBody => TamperJson(body),
        Fault.DuplicateKey => AppendMember(body, "testFlag", RealTestFlag(body)),
        Fault.NullAppended => AppendMember(body, "testFlag", "null"),
        _ => body,
    };

    /// <summary>The raw JSON of a real <c>testFlag</c> in the type the body uses (a string in V2, a number in Kit).</summary>
    private static string RealTestFlag(byte[] body) =>
        JsonNode.Parse(body)!.AsObject()["testFlag"] is JsonValue v && v.TryGetValue<long>(out _) ? "0" : "\"0\"";

    private static byte[] AppendMember(byte[] body, string name, string rawValue)
    {
        var text = System.Text.Encoding.UTF8.GetString(body).TrimEnd();
        return System.Text.Encoding.UTF8.GetBytes($"{text[..^1]},\"{name}\":{rawValue}}}");
    }

    /// <summary>The same JSON object with one value changed (a string gets a suffix, a number is incremented).</summary>
    protected static byte[] TamperJson(byte[] body)
    {
        var root = JsonNode.Parse(body)!.AsObject();
        var name = TamperTarget(root.Select(p => p.Key));
        var value = root[name];
        root[name] = value is JsonValue v && v.TryGetValue<long>(out var number) ? number + 1 : value + "X";
        return System.Text.Encoding.UTF8.GetBytes(root.ToJsonString());
    }
}

/// <summary>A channel whose requests are JSON bodies (everything but V1 GET).</summary>
internal abstract class JsonChannel(Uri productionUrl, string key, TimeProvider time) : Channel(productionUrl, key, time)
{
    /// <param name="kitName">The Kit interface (appended as a sub-path), or null for the production URL itself.</param>
    public abstract WireRequest Build(string? kitName, byte[] body, Fault fault);
}

using System.Security.Cryptography;
using KooGate.Protocol;

namespace KooGate.Conformance.Wire;

/// <summary>
/// How one interface family signs its requests (and whether its replies must carry <c>Body-Sign</c>). Every builder
/// can inject a <see cref="Fault"/>.
/// </summary>
internal abstract class Channel(Uri productionUrl, string key, TimeProvider time)
{
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
}

/// <summary>A channel whose requests are JSON bodies (everything but V1 GET).</summary>
internal abstract class JsonChannel(Uri productionUrl, string key, TimeProvider time) : Channel(productionUrl, key, time)
{
    /// <param name="kitName">The Kit interface (appended as a sub-path), or null for the production URL itself.</param>
    public abstract WireRequest Build(string? kitName, byte[] body, Fault fault);

    /// <summary>The Kit body's own <c>timeStamp</c> (UTC+8): now, or for Kit V1, whose token it keys, the signing time.</summary>
    public virtual string BodyTimeStamp(Fault fault) => KooTime.ToChina17(Now);
}

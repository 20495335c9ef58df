using System.Net;

namespace KooGate.Emulator.Load;

/// <summary>Which calls a load run makes.</summary>
public enum LoadActivity
{
    /// <summary>newInstance, every call a distinct order.</summary>
    New,

    /// <summary>queryInstance of instances the run created beforehand (the seeding calls are not measured).</summary>
    Query,

    /// <summary>Alternating newInstance and queryInstance of an instance the same connection created.</summary>
    Mix,
}

/// <summary>Which interface family the calls belong to (what signs them).</summary>
public enum LoadProfile
{
    /// <summary>SaaS V2 basic interface: POST JSON, signature/timestamp/nonce in the query (saas-v2.md §2.2).</summary>
    SaasV2,

    /// <summary>Kit V2 syncs: tenantSync adds of distinct tenants, x-sign headers (saas-v2.md §2.3); creates only.</summary>
    KitV2,
}

/// <summary>What a load run does; <see cref="Validate"/> bounds it.</summary>
public sealed record LoadOptions
{
    public const int MaxConnections = 1024;
    public static readonly TimeSpan MaxDuration = TimeSpan.FromSeconds(300);

    public required Uri ProductionUrl { get; init; }

    public LoadProfile Profile { get; init; } = LoadProfile.SaasV2;

    /// <summary>The accessKey of the interface type (the Kit key for <see cref="LoadProfile.KitV2"/>).</summary>
    public required string Key { get; init; }

    public LoadActivity Activity { get; init; } = LoadActivity.New;

    /// <summary>Calls in flight at most, one connection each.</summary>
    public int Connections { get; init; } = 64;

    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Open loop: calls due at this many per second whatever the earlier ones are doing (at most
    /// <see cref="Connections"/> in flight); a call that falls due while every connection is busy counts its
    /// latency from when it was due. Null: closed loop, each connection sends its next call when the last returns.
    /// </summary>
    public double? Rate { get; init; }

    /// <summary>KooGallery's own limit is 5 s (spec README decision 12).</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Instances created per connection before a <see cref="LoadActivity.Query"/> run.</summary>
    public int SeedPerConnection { get; init; } = 4;

    /// <summary>Send <c>testFlag=1</c> (debug calls, which must not create real resources).</summary>
    public bool TestFlag { get; init; }

    /// <summary>Without it, only loopback addresses may be loaded.</summary>
    public bool AllowRemote { get; init; }

    /// <summary>Prefix of the generated orderIds, distinct per run by default; KGCHECK… so the dashboard hides load calls.</summary>
    public string OrderPrefix { get; init; } = "KGCHECKLOAD" + Guid.NewGuid().ToString("N")[..10].ToUpperInvariant();

    /// <summary>Throws <see cref="ArgumentException"/> naming the first option out of bounds.</summary>
    public void Validate()
    {
        if (!ProductionUrl.IsAbsoluteUri || ProductionUrl.Scheme is not ("http" or "https"))
        {
            throw new ArgumentException($"production URL '{ProductionUrl}' is not an absolute http(s) URL");
        }

        if (!AllowRemote && !IsLoopback(ProductionUrl))
        {
            throw new ArgumentException($"'{ProductionUrl.Host}' is not a loopback address; load only your own machine unless remote load is allowed explicitly");
        }

        if (string.IsNullOrEmpty(Key))
        {
            throw new ArgumentException("the key must not be empty");
        }

        if (Profile == LoadProfile.KitV2 && Activity != LoadActivity.New)
        {
            throw new ArgumentException("kit-v2 has no query interface: its load is tenantSync adds only (activity new)");
        }

        if (Connections is < 1 or > MaxConnections)
        {
            throw new ArgumentException($"connections must be between 1 and {MaxConnections}");
        }

        if (Duration <= TimeSpan.Zero || Duration > MaxDuration)
        {
            throw new ArgumentException($"duration must be more than 0 and at most {MaxDuration.TotalSeconds:0} s");
        }

        if (Rate is { } rate && (double.IsNaN(rate) || rate <= 0 || rate > 1_000_000))
        {
            throw new ArgumentException("rate must be more than 0 and at most 1,000,000 calls/s");
        }

        if (Timeout <= TimeSpan.Zero || Timeout > TimeSpan.FromSeconds(120))
        {
            throw new ArgumentException("timeout must be more than 0 and at most 120 s");
        }

        if (SeedPerConnection is < 1 or > 10_000)
        {
            throw new ArgumentException("seed per connection must be between 1 and 10,000");
        }
    }

    public static bool IsLoopback(Uri url) =>
        url.IsLoopback || (IPAddress.TryParse(url.Host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address));
}

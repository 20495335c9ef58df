using System.Globalization;

namespace KooGate.Emulator.Load;

/// <summary>
/// The figures of a load run. Every measured call ends in exactly one of: a result code (<see cref="ResultCodes"/>,
/// <c>000000</c> being <see cref="Ok"/>), a non-200 status (<see cref="HttpErrors"/>), a timeout, a transport error or a
/// reply without a six-character <c>resultCode</c> (<see cref="BadReplies"/>). The seeding calls of a query run are
/// counted apart.
/// </summary>
public sealed record LoadReport
{
    public required string ProductionUrl { get; init; }

    public required string Profile { get; init; }

    public required string Activity { get; init; }

    public required int Connections { get; init; }

    public double? TargetRate { get; init; }

    public required double ElapsedSeconds { get; init; }

    public required long Sent { get; init; }

    public required long Ok { get; init; }

    public long Failed => Sent - Ok;

    /// <summary>newInstance (saas-v2) or tenantSync add (kit-v2) calls.</summary>
    public required long CreateCalls { get; init; }

    /// <summary>queryInstance calls (saas-v2).</summary>
    public required long QueryCalls { get; init; }

    public required IReadOnlyDictionary<string, long> ResultCodes { get; init; }

    public required IReadOnlyDictionary<int, long> HttpErrors { get; init; }

    public required long Timeouts { get; init; }

    public required long TransportErrors { get; init; }

    public required long BadReplies { get; init; }

    /// <summary>Instances created before a query run, and the seeding calls that failed.</summary>
    public long Seeded { get; init; }

    public long SeedFailed { get; init; }

    /// <summary>Latencies of every measured call (failures included), in milliseconds.</summary>
    public required double P50Ms { get; init; }

    public required double P90Ms { get; init; }

    public required double P99Ms { get; init; }

    public required double MaxMs { get; init; }

    public required double MeanMs { get; init; }

    /// <summary>Successful signed calls per second: the figure the run is about.</summary>
    public double OkPerSecond => ElapsedSeconds > 0 ? Ok / ElapsedSeconds : 0;

    public double SentPerSecond => ElapsedSeconds > 0 ? Sent / ElapsedSeconds : 0;

    public bool HasFailures => Failed > 0 || SeedFailed > 0;

    /// <summary>One line for scripts (bench/run greps it).</summary>
    public string MachineLine() => string.Create(CultureInfo.InvariantCulture,
        $"KOOGATE-LOAD rps={OkPerSecond:0.0} sent_rps={SentPerSecond:0.0} p50_ms={P50Ms:0.000} p90_ms={P90Ms:0.000} p99_ms={P99Ms:0.000} "
        + $"max_ms={MaxMs:0.000} ok={Ok} failed={Failed} seed_failed={SeedFailed} sent={Sent} seconds={ElapsedSeconds:0.00}");

    internal static LoadReport From(LoadOptions options, LoadTally measured, LoadTally seeding, long seeded, TimeSpan elapsed) => new()
    {
        ProductionUrl = options.ProductionUrl.ToString(),
        Profile = options.Profile switch
        {
            LoadProfile.SaasV2 => "saas-v2",
            LoadProfile.KitV2 => "kit-v2",
            _ => options.Profile.ToString(),
        },
        Activity = options.Activity.ToString().ToLowerInvariant(),
        Connections = options.Connections,
        TargetRate = options.Rate,
        ElapsedSeconds = elapsed.TotalSeconds,
        Sent = measured.Sent,
        Ok = measured.Ok,
        CreateCalls = measured.CreateCalls,
        QueryCalls = measured.QueryCalls,
        ResultCodes = new SortedDictionary<string, long>(measured.ResultCodes, StringComparer.Ordinal),
        HttpErrors = new SortedDictionary<int, long>(measured.HttpErrors),
        Timeouts = measured.Timeouts,
        TransportErrors = measured.TransportErrors,
        BadReplies = measured.BadReplies,
        Seeded = seeded,
        SeedFailed = seeding.Sent - seeding.Ok,
        P50Ms = measured.Latency.Percentile(50) / 1000.0,
        P90Ms = measured.Latency.Percentile(90) / 1000.0,
        P99Ms = measured.Latency.Percentile(99) / 1000.0,
        MaxMs = measured.Latency.MaxMicroseconds / 1000.0,
        MeanMs = measured.Latency.MeanMicroseconds / 1000.0,
    };
}

namespace KooGate.Emulator.Load;

/// <summary>What one connection saw; owned by that connection alone while the run lasts, merged at the end.</summary>
internal sealed class LoadTally
{
    public LatencyHistogram Latency { get; } = new();

    public Dictionary<string, long> ResultCodes { get; } = new(StringComparer.Ordinal);

    public Dictionary<int, long> HttpErrors { get; } = [];

    public long CreateCalls { get; set; }

    public long QueryCalls { get; set; }

    public long Timeouts { get; set; }

    public long TransportErrors { get; set; }

    public long BadReplies { get; set; }

    public long Sent => CreateCalls + QueryCalls;

    public long Ok => ResultCodes.GetValueOrDefault(KooGate.Protocol.ResultCode.Success.Code);

    public void Add(LoadTally other)
    {
        Latency.Add(other.Latency);
        foreach (var (code, count) in other.ResultCodes)
        {
            ResultCodes[code] = ResultCodes.GetValueOrDefault(code) + count;
        }

        foreach (var (status, count) in other.HttpErrors)
        {
            HttpErrors[status] = HttpErrors.GetValueOrDefault(status) + count;
        }

        CreateCalls += other.CreateCalls;
        QueryCalls += other.QueryCalls;
        Timeouts += other.Timeouts;
        TransportErrors += other.TransportErrors;
        BadReplies += other.BadReplies;
    }
}

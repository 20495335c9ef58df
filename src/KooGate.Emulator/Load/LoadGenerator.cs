using System.Diagnostics;
using System.Globalization;
using KooGate.Emulator.Delivery;
using KooGate.Protocol;
using KooGate.Protocol.Messages;

namespace KooGate.Emulator.Load;

/// <summary>
/// Drives a production interface with KooGallery's own calls as fast as it answers (or at a fixed rate), every call
/// signed afresh through <see cref="SignedCall"/>: a new nonce and timestamp, and for creates a new order and
/// <c>businessId</c> (saas-v2.md §1.7, §2.2) or, for Kit, a new tenant (§2.3). A call succeeds when the reply is HTTP 200 JSON with
/// <c>resultCode</c> 000000. Signature timestamps come from the injected clock; pacing and latencies are real
/// elapsed time (<see cref="Stopwatch"/>).
/// </summary>
public sealed class LoadGenerator
{
    /// <summary>Instances each connection remembers for its queries; older ones are overwritten.</summary>
    private const int InstancesPerConnection = 1024;

    private readonly LoadOptions _options;
    private readonly TimeProvider _time;
    private readonly HttpClient _http;
    private readonly string _url;
    private readonly string? _testFlag;
    private long _orders;
    private long _tickets;

    private LoadGenerator(LoadOptions options, TimeProvider time, HttpClient http)
    {
        _options = options;
        _time = time;
        _http = http;
        _url = options.ProductionUrl.ToString();
        _testFlag = options.TestFlag ? TestFlags.Debug : null;
    }

    /// <summary>Runs the load; cancelling stops it early and reports what was done. Throws <see cref="ArgumentException"/> on bad options.</summary>
    public static async Task<LoadReport> RunAsync(LoadOptions options, TimeProvider time, CancellationToken cancellationToken = default)
    {
        options.Validate();
        using var handler = new SocketsHttpHandler
        {
            MaxConnectionsPerServer = options.Connections,
            PooledConnectionLifetime = System.Threading.Timeout.InfiniteTimeSpan,
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(1),
            ConnectTimeout = options.Timeout,
            UseProxy = false,
            UseCookies = false,
            AllowAutoRedirect = false,
        };
        using var http = new HttpClient(handler) { Timeout = options.Timeout };
        return await new LoadGenerator(options, time, http).RunAsync(cancellationToken);
    }

    private async Task<LoadReport> RunAsync(CancellationToken cancellationToken)
    {
        var connections = Enumerable.Range(0, _options.Connections).Select(_ => new Connection()).ToArray();
        if (_options.Activity == LoadActivity.Query)
        {
            await Task.WhenAll(connections.Select(c => Task.Run(() => SeedAsync(c, cancellationToken), CancellationToken.None)));
        }

        var seeded = connections.Sum(c => (long)c.Instances.Count);

        var started = Stopwatch.GetTimestamp();
        var deadline = started + (long)(_options.Duration.TotalSeconds * Stopwatch.Frequency);
        await Task.WhenAll(connections.Select(c => Task.Run(() => LoopAsync(c, started, deadline, cancellationToken), CancellationToken.None)));
        var elapsed = Stopwatch.GetElapsedTime(started);

        var measured = new LoadTally();
        var seeding = new LoadTally();
        foreach (var connection in connections)
        {
            measured.Add(connection.Measured);
            seeding.Add(connection.Seeding);
        }

        return LoadReport.From(_options, measured, seeding, seeded, elapsed);
    }

    private async Task SeedAsync(Connection connection, CancellationToken cancellationToken)
    {
        for (var i = 0; i < _options.SeedPerConnection && !cancellationToken.IsCancellationRequested; i++)
        {
            await CallAsync(connection, connection.Seeding, create: true, Stopwatch.GetTimestamp(), cancellationToken);
        }
    }

    private async Task LoopAsync(Connection connection, long started, long deadline, CancellationToken cancellationToken)
    {
        if (_options.Activity == LoadActivity.Query && connection.Instances.Count == 0)
        {
            return; // its seeding failed: nothing of its own to query (counted in SeedFailed)
        }

        var ticksPerCall = _options.Rate is { } rate ? Stopwatch.Frequency / rate : 0;
        while (!cancellationToken.IsCancellationRequested)
        {
            long from;
            if (ticksPerCall > 0)
            {
                var due = started + (long)((Interlocked.Increment(ref _tickets) - 1) * ticksPerCall);
                if (due >= deadline)
                {
                    return;
                }

                var now = Stopwatch.GetTimestamp();
                if (due > now)
                {
                    // Idle until the call is due; its latency then counts from when it actually left.
                    await Task.Delay(Stopwatch.GetElapsedTime(now, due), cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                    from = Stopwatch.GetTimestamp();
                }
                else
                {
                    // Overdue because every connection was busy: count from when it was due (no coordinated omission).
                    from = due;
                }
            }
            else
            {
                from = Stopwatch.GetTimestamp();
                if (from >= deadline)
                {
                    return;
                }
            }

            if (cancellationToken.IsCancellationRequested)
            {
                return;
            }

            await CallAsync(connection, connection.Measured, connection.NextIsCreate(_options.Activity), from, cancellationToken);
        }
    }

    private async Task CallAsync(Connection connection, LoadTally tally, bool create, long from, CancellationToken cancellationToken)
    {
        var request = !create ? QueryInstance(connection.NextInstance())
            : _options.Profile == LoadProfile.KitV2 ? TenantSync()
            : NewInstance();
        if (create)
        {
            tally.CreateCalls++;
        }
        else
        {
            tally.QueryCalls++;
        }

        try
        {
            using var message = request.ToHttpRequest();
            using var response = await _http.SendAsync(message, HttpCompletionOption.ResponseContentRead, cancellationToken);
            var body = await response.Content.ReadAsByteArrayAsync(CancellationToken.None);
            tally.Latency.Record(ElapsedMicroseconds(from));
            if ((int)response.StatusCode != 200)
            {
                tally.HttpErrors[(int)response.StatusCode] = tally.HttpErrors.GetValueOrDefault((int)response.StatusCode) + 1;
            }
            else if (response.Content.Headers.ContentType?.MediaType is not "application/json"
                || !ReplyReader.TryRead(body, out var code, out var instanceId))
            {
                tally.BadReplies++;
            }
            else
            {
                tally.ResultCodes[code] = tally.ResultCodes.GetValueOrDefault(code) + 1;
                if (create && instanceId is not null && code == ResultCode.Success.Code)
                {
                    connection.Remember(instanceId);
                }
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            tally.Latency.Record(ElapsedMicroseconds(from));
            tally.Timeouts++;
        }
        catch (OperationCanceledException)
        {
            // The run was stopped: this call is not counted.
            if (create)
            {
                tally.CreateCalls--;
            }
            else
            {
                tally.QueryCalls--;
            }
        }
        catch (HttpRequestException)
        {
            tally.Latency.Record(ElapsedMicroseconds(from));
            tally.TransportErrors++;
        }
    }

    private OutboundRequest NewInstance()
    {
        var orderId = _options.OrderPrefix + Interlocked.Increment(ref _orders).ToString("D9", CultureInfo.InvariantCulture);
        var body = KooJson.Serialize(new NewInstanceRequest
        {
            // saas-v2.md §1.7: a new businessId on every request.
            BusinessId = Guid.NewGuid().ToString(),
            OrderId = orderId,
            OrderLineId = orderId + "-000001",
            TestFlag = _testFlag,
        });
        return SignedCall.V2Basic(Activities.NewInstance, _url, body, _options.Key, _time.GetUtcNow());
    }

    /// <summary>A Kit tenantSync add of a tenant never seen before, its timeStamp the call's own (UTC+8).</summary>
    private OutboundRequest TenantSync()
    {
        var number = Interlocked.Increment(ref _orders).ToString("D9", CultureInfo.InvariantCulture);
        var now = _time.GetUtcNow();
        var body = KooJson.Serialize(new TenantSyncRequest
        {
            DomainName = $"https://{_options.OrderPrefix.ToLowerInvariant()}-{number}.example.com",
            Flag = KitFlags.Add,
            Name = "load tenant " + number,
            TenantCode = _options.OrderPrefix + number,
            TenantId = Guid.NewGuid().ToString("N"),
            TestFlag = _options.TestFlag ? KitTestFlags.Debug : KitTestFlags.Real,
            TimeStamp = KooTime.ToChina17(now),
        });
        return SignedCall.KitV2(KitInterfaces.TenantSync, _url, body, _options.Key, now);
    }

    private OutboundRequest QueryInstance(string instanceId)
    {
        var body = KooJson.Serialize(new QueryInstanceRequest { InstanceId = instanceId, TestFlag = _testFlag });
        return SignedCall.V2Basic(Activities.QueryInstance, _url, body, _options.Key, _time.GetUtcNow());
    }

    private static long ElapsedMicroseconds(long from) =>
        (Stopwatch.GetTimestamp() - from) * 1_000_000 / Stopwatch.Frequency;

    /// <summary>One connection's state: its tallies and the instances it created.</summary>
    private sealed class Connection
    {
        private int _nextQuery;
        private int _oldest;
        private long _calls;

        public LoadTally Measured { get; } = new();

        public LoadTally Seeding { get; } = new();

        public List<string> Instances { get; } = [];

        public bool NextIsCreate(LoadActivity activity) => activity switch
        {
            LoadActivity.New => true,
            LoadActivity.Query => false,
            _ => (_calls++ % 2 == 0) || Instances.Count == 0,
        };

        public string NextInstance()
        {
            _nextQuery = _nextQuery >= Instances.Count - 1 ? 0 : _nextQuery + 1;
            return Instances[_nextQuery];
        }

        public void Remember(string instanceId)
        {
            if (Instances.Count < InstancesPerConnection)
            {
                Instances.Add(instanceId);
            }
            else
            {
                Instances[_oldest] = instanceId;
                _oldest = (_oldest + 1) % InstancesPerConnection;
            }
        }
    }
}

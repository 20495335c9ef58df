using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace KooGate.Bench;

/// <summary>
/// An open-loop load at a fixed rate (wrk has no rate control; wrk2 is not in Debian): request i is due at
/// start + i/rate and is sent then whatever earlier ones are doing, and its latency counts from when it was due, so a
/// stall shows up in the percentiles instead of quietly lowering the rate (no coordinated omission). A call
/// unanswered after 10 s counts as failed, which bounds the run.
/// </summary>
internal static class FixedRateRun
{
    public static async Task<int> RunAsync(Options options)
    {
        var url = new Uri(options.Text("url"));
        var key = options.Text("key");
        var prefix = options.Text("prefix");
        var rate = options.Number("rps");
        var total = rate * options.Number("seconds");

        using var http = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = Timeout.InfiniteTimeSpan })
        {
            BaseAddress = url,
            Timeout = TimeSpan.FromSeconds(10),
        };
        var latencies = new double[total];
        var ok = 0;
        var failed = 0;
        var calls = new List<Task>(total);
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < total; i++)
        {
            var due = TimeSpan.FromSeconds((double)i / rate);
            while (clock.Elapsed < due)
            {
                var wait = due - clock.Elapsed;
                if (wait > TimeSpan.FromMilliseconds(2))
                {
                    await Task.Delay(wait - TimeSpan.FromMilliseconds(1));
                }
                else
                {
                    Thread.SpinWait(50);
                }
            }

            var index = i;
            calls.Add(Task.Run(async () =>
            {
                var good = await SendAsync(http, key, SignedRequest.NewInstanceBody(prefix, index));
                latencies[index] = (clock.Elapsed - due).TotalMilliseconds;
                Interlocked.Increment(ref good ? ref ok : ref failed);
            }));
        }

        await Task.WhenAll(calls);
        var elapsed = clock.Elapsed.TotalSeconds;
        Array.Sort(latencies);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"KOOGATE-RATE requests={total} ok={ok} bad={failed} rps={total / elapsed:0.0} p50={Percentile(latencies, 50):0.000} "
            + $"p90={Percentile(latencies, 90):0.000} p99={Percentile(latencies, 99):0.000} max={latencies[^1]:0.000}"));
        return 0;
    }

    private static async Task<bool> SendAsync(HttpClient http, string key, string body)
    {
        try
        {
            using var content = new StringContent(body, Encoding.UTF8, "application/json");
            using var response = await http.PostAsync(SignedRequest.PathAndQuery(key, body, DateTimeOffset.UtcNow), content);
            var text = await response.Content.ReadAsStringAsync();
            return response.IsSuccessStatusCode && text.Contains("\"resultCode\":\"000000\"", StringComparison.Ordinal);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return false;
        }
    }

    private static double Percentile(double[] sorted, double percent) =>
        sorted[Math.Clamp((int)Math.Ceiling(percent / 100 * sorted.Length) - 1, 0, sorted.Length - 1)];
}

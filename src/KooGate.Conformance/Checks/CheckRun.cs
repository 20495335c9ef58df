using System.Security.Cryptography;
using KooGate.Conformance.Wire;

namespace KooGate.Conformance.Checks;

/// <summary>
/// The state of one run: options, the HTTP client, fresh ids for every call, and the results so far.
/// </summary>
internal sealed class CheckRun(ConformanceOptions options, WireClient client)
{
    private readonly List<CheckResult> _results = [];
    private readonly string _runId = Convert.ToHexString(RandomNumberGenerator.GetBytes(4));
    private int _sequence;

    public ConformanceOptions Options => options;

    public WireClient Client => client;

    public TimeProvider Time => options.Time;

    public IReadOnlyList<CheckResult> Results => _results;

    /// <summary>
    /// A fresh id, recognisably the runner's (<c>KGCHECK…</c>), so that anything a real call creates can be found
    /// and removed by the seller.
    /// </summary>
    public string NewId(string kind) => $"KGCHECK{_runId}{kind}{Interlocked.Increment(ref _sequence):D3}";

    public Task<Exchange> SendAsync(WireRequest request, CancellationToken cancellationToken) => client.SendAsync(request, cancellationToken);

    /// <summary>
    /// Runs one named check, timing it; a <see cref="CheckFailedException"/> fails a <see cref="CheckLevel.Must"/> and
    /// warns on a <see cref="CheckLevel.Should"/>, a skip skips it.
    /// </summary>
    public async Task RunAsync(string name, CheckCategory category, CheckLevel level, string basis, Func<Task<string?>> body)
    {
        var started = Time.GetTimestamp();
        CheckOutcome outcome;
        string detail;
        try
        {
            detail = await body() ?? string.Empty;
            outcome = CheckOutcome.Pass;
        }
        catch (CheckFailedException e)
        {
            (outcome, detail) = (Broken(level), e.Message);
        }
        catch (CheckSkippedException e)
        {
            (outcome, detail) = (CheckOutcome.Skip, e.Message);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Whatever the server sent must not stop the other checks.
            (outcome, detail) = (Broken(level), $"the runner could not complete the check: {e.GetType().Name}: {e.Message}");
        }

        Record(new CheckResult(name, category, level, outcome, detail, Time.GetElapsedTime(started), basis));
    }

    public Task RunAsync(string name, CheckCategory category, CheckLevel level, string basis, Func<Task> body) =>
        RunAsync(name, category, level, basis, async () =>
        {
            await body();
            return null;
        });

    public void Skip(string name, CheckCategory category, CheckLevel level, string basis, string reason) =>
        Record(new CheckResult(name, category, level, CheckOutcome.Skip, reason, TimeSpan.Zero, basis));

    private void Record(CheckResult result)
    {
        _results.Add(result);
        options.OnCheckCompleted?.Invoke(result);
    }

    /// <summary>
    /// The level of a check that Huawei requires of real calls but that <c>--debug-only</c> must judge on debug calls,
    /// which Huawei's own sample answers without state (README decision 14): a warning there.
    /// </summary>
    public CheckLevel MustOnRealCalls => options.DebugOnly ? CheckLevel.Should : CheckLevel.Must;

    private static CheckOutcome Broken(CheckLevel level) => level == CheckLevel.Must ? CheckOutcome.Fail : CheckOutcome.Warn;

    /// <summary>Skips the check when <see cref="ConformanceOptions.DebugOnly"/> forbids real calls.</summary>
    public void RequireRealCalls()
    {
        if (options.DebugOnly)
        {
            throw new CheckSkippedException("needs real (testFlag=0) calls; --debug-only was given");
        }
    }
}

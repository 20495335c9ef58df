using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using KooGate.Emulator.Load;

namespace KooGate.Cli.Commands;

/// <summary>
/// <c>koogate load &lt;production-url&gt; --profile saas-v2|kit-v2 --key …</c>: drives a production interface with freshly
/// signed marketplace calls for a bounded time and reports calls/s and latency; exit 0 when every call got 000000,
/// 1 when any did not, 2 on bad input.
/// </summary>
internal static class LoadCommand
{
    private static readonly Dictionary<string, LoadProfile> Profiles = new(StringComparer.Ordinal)
    {
        ["saas-v2"] = LoadProfile.SaasV2,
        ["kit-v2"] = LoadProfile.KitV2,
    };

    private static readonly Dictionary<string, LoadActivity> Activities = new(StringComparer.Ordinal)
    {
        ["new"] = LoadActivity.New,
        ["query"] = LoadActivity.Query,
        ["mix"] = LoadActivity.Mix,
    };

    private static readonly JsonSerializerOptions JsonOptions = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    public static Command Create(CliContext context)
    {
        var url = new Argument<string>("production-url") { Description = "the production address to load (loopback only unless --allow-remote)" };
        var profile = new Option<string>("--profile") { Description = "interface family: saas-v2 (basic interface) or kit-v2 (tenantSync adds, with the Kit key)", Required = true };
        profile.AcceptOnlyFromAmong([.. Profiles.Keys]);
        var key = CommonOptions.Key();
        var activity = new Option<string>("--activity")
        {
            Description = "new: newInstance of distinct orders; query: queryInstance of instances created first; mix: both, alternating",
            DefaultValueFactory = _ => "new",
        };
        activity.AcceptOnlyFromAmong([.. Activities.Keys]);
        var connections = new Option<int>("--connections") { Description = "calls in flight at most, one connection each", DefaultValueFactory = _ => 64 };
        var duration = new Option<string>("--duration")
        {
            Description = $"how long to load: 10s, 1500ms, 2m (at most {LoadOptions.MaxDuration.TotalSeconds:0} s)",
            DefaultValueFactory = _ => "10s",
        };
        var rate = new Option<double?>("--rate") { Description = "open loop: calls due per second (default: closed loop, as fast as answered)" };
        var timeout = new Option<double>("--timeout") { Description = "seconds each call may take", DefaultValueFactory = _ => 5 };
        var seed = new Option<int>("--seed") { Description = "instances each connection creates before a query run", DefaultValueFactory = _ => 4 };
        var testFlag = new Option<bool>("--test-flag") { Description = "send testFlag=1 (debug calls)" };
        var allowRemote = new Option<bool>("--allow-remote") { Description = "allow a production URL that is not loopback (load only what you run)" };
        var json = new Option<string>("--json") { Description = "write the report as JSON to this file" };

        var command = new Command("load", Examples.Describe("drive a production interface with freshly signed marketplace calls and report calls/s and latency",
            "koogate load http://127.0.0.1:8080/produce --profile saas-v2 --key $KEY --duration 10s --connections 16"))
        {
            url, profile, key, activity, connections, duration, rate, timeout, seed, testFlag, allowRemote, json,
        };
        command.SetAction(async (result, cancellationToken) =>
        {
            try
            {
                var options = new LoadOptions
                {
                    ProductionUrl = Uri.TryCreate(result.GetValue(url), UriKind.Absolute, out var uri)
                        ? uri
                        : throw new CliInputException($"production-url '{result.GetValue(url)}' is not an absolute URL"),
                    Profile = Profiles[result.GetValue(profile)!],
                    Key = result.GetValue(key)!,
                    Activity = Activities[result.GetValue(activity)!],
                    Connections = result.GetValue(connections),
                    Duration = ParseDuration(result.GetValue(duration)!),
                    Rate = result.GetValue(rate),
                    Timeout = double.IsFinite(result.GetValue(timeout)) && result.GetValue(timeout) > 0
                        ? TimeSpan.FromSeconds(Math.Min(result.GetValue(timeout), 1000))
                        : throw new CliInputException("--timeout must be a positive number of seconds"),
                    SeedPerConnection = result.GetValue(seed),
                    TestFlag = result.GetValue(testFlag),
                    AllowRemote = result.GetValue(allowRemote),
                };
                try
                {
                    options.Validate();
                }
                catch (ArgumentException e)
                {
                    throw new CliInputException(e.Message);
                }

                var report = await CliProgress.RunAsync(CliProgress.TerminalFor(context, result.GetValue(json) is not null), "load", options.Duration.TotalSeconds, progress =>
                    RunWithClockAsync(options, context.Time, progress, cancellationToken));
                LoadTable.Write(context.Out, report);
                context.Out.WriteLine(report.MachineLine());
                if (result.GetValue(json) is { } path)
                {
                    WriteJson(path, report);
                }

                return report.HasFailures || report.Ok == 0 ? KooGateCli.Invalid : KooGateCli.Ok;
            }
            catch (CliInputException e)
            {
                context.Error.WriteLine($"error: {e.Message}");
                return KooGateCli.BadInput;
            }
        });
        return command;
    }

    /// <summary>Runs the load while the progress line follows the elapsed part of <see cref="LoadOptions.Duration"/>.</summary>
    private static async Task<LoadReport> RunWithClockAsync(LoadOptions options, TimeProvider time, ProgressReporter progress, CancellationToken cancellationToken)
    {
        if (!progress.IsShown)
        {
            return await LoadGenerator.RunAsync(options, time, cancellationToken);
        }

        var started = time.GetTimestamp();
        using var ticker = new PeriodicTimer(TimeSpan.FromMilliseconds(250), time);
        var run = LoadGenerator.RunAsync(options, time, cancellationToken);
        while (!run.IsCompleted && await Task.WhenAny(run, ticker.WaitForNextTickAsync(cancellationToken).AsTask()) != run)
        {
            var elapsed = time.GetElapsedTime(started);
            progress.Report(Math.Min(elapsed.TotalSeconds, options.Duration.TotalSeconds), string.Create(CultureInfo.InvariantCulture, $"{elapsed.TotalSeconds:0} s of {options.Duration.TotalSeconds:0} s"));
        }

        return await run;
    }

    /// <summary><c>10s</c>, <c>1500ms</c>, <c>2m</c>, or a bare number of seconds.</summary>
    internal static TimeSpan ParseDuration(string value)
    {
        var text = value.Trim();
        var (number, scale) = text.EndsWith("ms", StringComparison.OrdinalIgnoreCase) ? (text[..^2], 0.001)
            : text.EndsWith('s') || text.EndsWith('S') ? (text[..^1], 1.0)
            : text.EndsWith('m') || text.EndsWith('M') ? (text[..^1], 60.0)
            : (text, 1.0);
        return double.TryParse(number, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var amount) && amount * scale <= 86_400
            ? TimeSpan.FromSeconds(amount * scale)
            : throw new CliInputException($"--duration '{value}' is not a duration such as 10s, 1500ms or 2m");
    }

    private static void WriteJson(string path, LoadReport report)
    {
        try
        {
            File.WriteAllText(path, JsonSerializer.Serialize(report, JsonOptions));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new CliInputException($"cannot write report '{path}': {e.Message}");
        }
    }
}

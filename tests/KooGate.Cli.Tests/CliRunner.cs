using System.Diagnostics;
using Microsoft.Extensions.Time.Testing;

namespace KooGate.Cli.Tests;

internal sealed record CliResult(int ExitCode, string Out, string Error)
{
    /// <summary>The single value a value command prints.</summary>
    public string Value => Out.TrimEnd('\n', '\r');
}

/// <summary>Runs <c>koogate</c> in process (fast, for many cases) or as a real process (for stdout and exit codes).</summary>
internal static class CliRunner
{
    public static CliResult InProcess(DateTimeOffset? now, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var time = new FakeTimeProvider(now ?? DateTimeOffset.UtcNow);
        var code = KooGateCli.Run(args, output, error, time);
        return new CliResult(code, output.ToString(), error.ToString());
    }

    public static CliResult InProcess(params string[] args) => InProcess(null, args);

    /// <summary>Runs in process with <paramref name="environment"/> as the whole environment.</summary>
    public static async Task<CliResult> InProcessAsync(IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        // Off the test thread: open-API commands block on HTTP calls.
        var code = await Task.Run(() => KooGateCli.Run(args, output, error, TimeProvider.System, name => environment.GetValueOrDefault(name)));
        return new CliResult(code, output.ToString(), error.ToString());
    }

    public static CliResult Process(params string[] args)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "koogate.dll");
        var start = new ProcessStartInfo("dotnet", [dll, .. args])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
        };
        using var process = System.Diagnostics.Process.Start(start) ?? throw new InvalidOperationException("cannot start koogate");
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromSeconds(60)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("koogate did not finish within 60 s");
        }

        return new CliResult(process.ExitCode, stdout.Result, stderr.Result);
    }
}

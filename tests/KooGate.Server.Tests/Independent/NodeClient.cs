using System.ComponentModel;
using System.Diagnostics;
using System.Security.Cryptography;
using KooGate.Testing.Processes;

namespace KooGate.Server.Tests.Independent;

/// <summary>Runs the independent Node.js KooGallery clients of tests/independent against a <see cref="ServerProcess"/>.</summary>
internal static class NodeClient
{
    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    /// <summary>Debug or Release: the configuration this test assembly (and so the referenced server) was built in.</summary>
    public static string BuildConfiguration
    {
        get
        {
            var segments = AppContext.BaseDirectory.Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries);
            var bin = Array.LastIndexOf(segments, "bin");
            return bin >= 0 && bin + 1 < segments.Length ? segments[bin + 1] : "Debug";
        }
    }

    public static string NewKey() => RandomNumberGenerator.GetHexString(32, lowercase: true);

    /// <summary>The closing summary of a client run, or a hint that it never got there.</summary>
    public static string Summary(string output)
    {
        var at = output.LastIndexOf("=== summary ===", StringComparison.Ordinal);
        return at < 0 ? "(no summary: the client did not finish)" : output[at..];
    }

    public static string Tail(string text, int length) => text.Length <= length ? text : "…" + text[^length..];

    public static async Task<string> VersionAsync()
    {
        try
        {
            var result = await RunAsync("node", ["--version"], TimeSpan.FromSeconds(30));
            Assert.True(result.ExitCode == 0, "`node --version` failed: " + result.Error);
            return "node " + result.Output.Trim();
        }
        catch (Win32Exception e)
        {
            Assert.Fail("Node.js 20 (`node` on PATH) is required to run the independent KooGallery client: " + e.Message);
            throw;
        }
    }

    public static async Task<(int ExitCode, string Output, string Error)> RunAsync(string file, string[] args, TimeSpan timeout)
    {
        var start = new ProcessStartInfo(file, args)
        {
            WorkingDirectory = RepositoryRoot,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using var process = Process.Start(start) ?? throw new InvalidOperationException("cannot start " + file);
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{file} did not finish within {timeout.TotalSeconds:0} s:\n{await output}");
        }

        return (process.ExitCode, await output, await error);
    }

    private static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "KooGate.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("KooGate.slnx not found above " + AppContext.BaseDirectory);
    }
}

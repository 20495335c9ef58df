using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace KooGate.Cli.Tests;

/// <summary>
/// The independent Node.js implementation in tests/independent, written from the spec alone. One process answers a
/// whole batch of cases: a JSON array in on stdin, a JSON array of {value} or {error} out on stdout.
/// </summary>
internal static class Oracle
{
    public static IReadOnlyList<string> Run(IReadOnlyList<JsonObject> cases)
    {
        var start = new ProcessStartInfo("node", [Repository.OracleScript])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardInputEncoding = new System.Text.UTF8Encoding(false),
            StandardOutputEncoding = System.Text.Encoding.UTF8,
        };
        using var process = Process.Start(start) ?? throw new InvalidOperationException("cannot start node");
        var input = new JsonArray(cases.Select(c => (JsonNode)c.DeepClone()).ToArray());
        process.StandardInput.Write(input.ToJsonString());
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromSeconds(60)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("the oracle did not finish within 60 s");
        }

        Assert.True(process.ExitCode == 0, "oracle failed: " + stderr.Result);
        var results = JsonNode.Parse(stdout.Result)!.AsArray();
        Assert.Equal(cases.Count, results.Count);
        return results.Select((r, i) => r!["value"]?.GetValue<string>()
            ?? throw new InvalidOperationException($"oracle error for case {i} {cases[i].ToJsonString()}: {r!["error"]}")).ToList();
    }
}

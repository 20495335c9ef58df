extern alias cli;

using System.Text.Json;
using cli::KooGate.Cli;

namespace KooGate.Conformance.Tests.Infrastructure;

/// <summary>What one <c>koogate check</c> run printed, returned and reported in its JSON file.</summary>
public sealed record CheckCliResult(int ExitCode, string Out, string Error, JsonElement? Report)
{
    /// <summary>The outcome (<c>pass</c>/<c>fail</c>/<c>skip</c>) of every check, by name.</summary>
    public IReadOnlyDictionary<string, string> Outcomes =>
        Report?.GetProperty("checks").EnumerateArray().ToDictionary(c => c.GetProperty("name").GetString()!, c => c.GetProperty("outcome").GetString()!)
        ?? new Dictionary<string, string>();

    public string Detail(string check) =>
        Report!.Value.GetProperty("checks").EnumerateArray().First(c => c.GetProperty("name").GetString() == check).GetProperty("detail").GetString()!;

    public IEnumerable<string> Failed => Outcomes.Where(o => o.Value == "fail").Select(o => o.Key);

    /// <summary>Every check with its level (<c>must</c>/<c>should</c>) and outcome.</summary>
    public IReadOnlyList<(string Name, string Level, string Outcome)> Checks =>
        Report?.GetProperty("checks").EnumerateArray()
            .Select(c => (c.GetProperty("name").GetString()!, c.GetProperty("level").GetString()!, c.GetProperty("outcome").GetString()!))
            .ToList() ?? [];
}

/// <summary>Runs <c>koogate check</c> in process, with a JSON report to read back.</summary>
public static class CheckCli
{
    public static async Task<CheckCliResult> RunAsync(params string[] args)
    {
        var json = Path.Combine(Path.GetTempPath(), $"koogate-check-{Guid.NewGuid():N}.json");
        using var output = new StringWriter();
        using var error = new StringWriter();
        try
        {
            // Off the test thread: the command blocks on its HTTP calls.
            var code = await Task.Run(() => KooGateCli.Run(["check", .. args, "--json", json], output, error, TimeProvider.System));
            JsonElement? report = File.Exists(json) ? JsonDocument.Parse(File.ReadAllBytes(json)).RootElement.Clone() : null;
            return new CheckCliResult(code, output.ToString(), error.ToString(), report);
        }
        finally
        {
            File.Delete(json);
        }
    }
}

using System.CommandLine;
using System.Globalization;
using System.Xml.Linq;

namespace KooGate.Cli.Commands.Scenarios;

/// <summary>
/// <c>koogate scenario run FILE</c> (a declarative scenario with expectations) and <c>koogate trigger ACTION</c> (one
/// marketplace action with the fixtures it needs), both through a private in-process emulator against the seller's
/// production interface. Exit 0 when every expectation held, 1 when one did not, 2 on bad input.
/// </summary>
internal static class ScenarioCommands
{
    /// <summary>What <c>trigger</c> does: the steps that lead to the action (a purchase first), the action last.</summary>
    private static readonly Dictionary<string, ScenarioStep[]> Triggers = new(StringComparer.Ordinal)
    {
        ["purchase"] = [new() { Purchase = new() }],
        ["renew"] = [new() { Purchase = new() }, new() { Renew = new() }],
        ["upgrade"] = [new() { Purchase = new() }, new() { Upgrade = new() { LinearValue = 2m } }],
        ["freeze"] = [new() { Purchase = new() }, new() { Freeze = new() }],
        // Released the way the marketplace releases: expiry (freeze) after a month, release after the freeze period.
        ["release"] = [new() { Purchase = new() }, new() { Name = "expire and release", Advance = new() { Days = 47 } }],
        ["refund"] = [new() { Purchase = new() }, new() { Refund = new() }],
    };

    public static IEnumerable<Command> Create(CliContext context) => [Scenario(context), Trigger(context)];

    private static Command Scenario(CliContext context)
    {
        var file = new Argument<string>("file") { Description = "the scenario (YAML, or JSON when it ends in .json)" };
        var (productionUrl, key, junit) = SharedOptions(required: false);
        var run = new Command("run", Examples.Describe("run a scenario of marketplace actions against a production interface and check its expectations",
            "koogate scenario run docs/examples/scenario.yaml --production-url http://127.0.0.1:8080/produce --key $KEY --junit scenario.xml"))
        {
            file, productionUrl, key, junit,
        };
        run.SetAction(async (result, _) => await GuardAsync(context, async () =>
        {
            var path = result.GetValue(file)!;
            string text;
            try
            {
                text = await File.ReadAllTextAsync(path);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
            {
                throw new CliInputException($"cannot read scenario '{path}': {e.Message}");
            }

            var scenario = Scenarios.Scenario.Parse(text, json: path.EndsWith(".json", StringComparison.OrdinalIgnoreCase));
            return await RunAsync(context, scenario, result.GetValue(productionUrl) ?? scenario.ProductionUrl, result.GetValue(key) ?? scenario.Key, result.GetValue(junit));
        }));
        return new Command("scenario", "declarative marketplace scenarios for CI") { run };
    }

    private static Command Trigger(CliContext context)
    {
        var action = new Argument<string>("action") { Description = "purchase, renew, upgrade, freeze, release or refund" };
        action.AcceptOnlyFromAmong([.. Triggers.Keys]);
        var (productionUrl, key, junit) = SharedOptions(required: true);
        var version = new Option<string>("--interface")
        {
            Description = "the product's interface version",
            DefaultValueFactory = _ => "SaasV2",
        };
        version.AcceptOnlyFromAmong("SaasV2", "SaasV1", "LicenseLegacy");
        var command = new Command("trigger", Examples.Describe("make one marketplace action against your production interface, creating the product, buyer and purchase it needs",
            "koogate trigger purchase --production-url http://127.0.0.1:8080/produce --key $KEY",
            "koogate trigger release --production-url http://127.0.0.1:8080/produce --key $KEY"))
        {
            action, productionUrl, key, version, junit,
        };
        command.SetAction(async (result, _) => await GuardAsync(context, () =>
        {
            var name = result.GetValue(action)!;
            var scenario = new Scenario
            {
                Name = "trigger " + name,
                Product = new ScenarioProduct { Id = "TRIGGER-" + name.ToUpperInvariant(), InterfaceVersion = result.GetValue(version)! },
                Steps = Triggers[name],
            };
            return RunAsync(context, scenario, result.GetValue(productionUrl), result.GetValue(key), result.GetValue(junit));
        }));
        return command;
    }

    private static (Option<string> ProductionUrl, Option<string> Key, Option<string> JUnit) SharedOptions(bool required) =>
    (
        new Option<string>("--production-url") { Description = "the seller's production interface", Required = required },
        new Option<string>("--key") { Description = "the product's basic key (V2) or V1 Key", Required = required },
        new Option<string>("--junit") { Description = "write a JUnit XML report to this file" }
    );

    private static async Task<int> RunAsync(CliContext context, Scenario scenario, string? productionUrl, string? key, string? junit)
    {
        var url = Uri.TryCreate(productionUrl, UriKind.Absolute, out var parsed) && parsed.Scheme is "http" or "https"
            ? parsed.AbsoluteUri
            : throw new CliInputException($"production URL '{productionUrl}' is not an absolute http(s) URL (--production-url or productionUrl in the file)");
        var secret = string.IsNullOrWhiteSpace(key) ? throw new CliInputException("a key is needed (--key or key in the file)") : key;
        foreach (var step in scenario.Steps)
        {
            step.Action();
        }

        context.Out.WriteLine($"{scenario.Name}: real calls (testFlag=0) to {url} through a private emulator");
        // On a terminal a progress line counts the steps and the results follow it; elsewhere each step prints as it ends.
        var terminal = CliProgress.TerminalFor(context);
        var results = await CliProgress.RunAsync(terminal, "scenario " + scenario.Name, scenario.Steps.Count, progress =>
            new ScenarioRunner(scenario, url, secret).RunAsync(step =>
            {
                if (progress.IsShown)
                {
                    progress.Step(step.Name);
                }
                else
                {
                    Print(context, step);
                }
            }));
        if (terminal is not null)
        {
            foreach (var step in results)
            {
                Print(context, step);
            }
        }

        var failed = results.Count(r => !r.Passed);
        context.Out.WriteLine(failed == 0 ? $"PASS {results.Count} steps" : $"FAIL {failed} of {results.Count} steps");
        if (junit is not null)
        {
            JUnit(scenario, results).Save(junit);
        }

        return failed == 0 ? KooGateCli.Ok : KooGateCli.Invalid;
    }

    private static void Print(CliContext context, StepResult step)
    {
        context.Out.WriteLine($"{(step.Passed ? "PASS" : "FAIL")} {step.Name} ({step.Milliseconds} ms)");
        foreach (var call in step.Calls)
        {
            context.Out.WriteLine($"     {call.Activity,-22} {call.ResultCode ?? "-",-7} {call.Verdict,-16} {call.DurationMs} ms");
        }

        foreach (var failure in step.Failures)
        {
            context.Out.WriteLine($"     ! {failure}");
        }
    }

    internal static XDocument JUnit(Scenario scenario, IReadOnlyList<StepResult> results) => new(new XElement("testsuites",
        new XElement("testsuite",
            new XAttribute("name", "koogate-scenario." + scenario.Name),
            new XAttribute("tests", results.Count),
            new XAttribute("failures", results.Count(r => !r.Passed)),
            new XAttribute("errors", 0),
            new XAttribute("time", Seconds(results.Sum(r => r.Milliseconds))),
            results.Select(r => new XElement("testcase",
                new XAttribute("classname", scenario.Name),
                new XAttribute("name", r.Name),
                new XAttribute("time", Seconds(r.Milliseconds)),
                r.Passed ? null : new XElement("failure", new XAttribute("message", r.Failures[0]), new XAttribute("type", "scenario"), string.Join('\n', r.Failures)),
                new XElement("system-out", string.Join('\n', r.Calls.Select(c => $"{c.Activity} {c.ResultCode ?? "-"} {c.Verdict} {c.DurationMs} ms"))))))));

    private static string Seconds(long milliseconds) => (milliseconds / 1000.0).ToString("0.000", CultureInfo.InvariantCulture);

    private static async Task<int> GuardAsync(CliContext context, Func<Task<int>> body)
    {
        try
        {
            return await body();
        }
        catch (CliInputException e)
        {
            context.Error.WriteLine($"error: {e.Message}");
            return KooGateCli.BadInput;
        }
    }
}

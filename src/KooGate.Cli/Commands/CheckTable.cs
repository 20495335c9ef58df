using System.Globalization;
using KooGate.Conformance;
using Spectre.Console;

namespace KooGate.Cli.Commands;

/// <summary>The human-readable report of <c>koogate check</c>: one row per check (level must/should; PASS, FAIL, WARN, SKIP), then a verdict line.</summary>
internal static class CheckTable
{
    public static void Write(TextWriter output, ConformanceReport report, bool strict = false)
    {
        var console = ReportConsole.For(output, pipedWidth: 240);

        var table = new Table().Border(TableBorder.Rounded)
            .Title(Markup.Escape($"koogate check {report.Profile} {report.ProductionUrl}"))
            .AddColumns("Category", "Check", "Level", "Result", "ms", "Detail");
        foreach (var result in report.Results)
        {
            table.AddRow(
                new Text(result.CategoryName),
                new Text(result.Name),
                new Text(result.LevelName),
                new Markup(result.Outcome switch
                {
                    CheckOutcome.Pass => "[green]PASS[/]",
                    CheckOutcome.Fail => "[red]FAIL[/]",
                    CheckOutcome.Warn => "[darkorange]WARN[/]",
                    _ => "[grey]SKIP[/]",
                }),
                new Text(Math.Round(result.Duration.TotalMilliseconds).ToString(CultureInfo.InvariantCulture)),
                new Text(result.Detail));
        }

        console.Write(table);
        var verdict = report.FailsWith(strict) ? "[red]FAIL[/]" : "[green]PASS[/]";
        var warnings = report.Warned == 0 ? string.Empty
            : strict ? ", warnings fail the run (--strict)" : ", warnings do not fail the run (--strict makes them)";
        console.MarkupLine($"{verdict}: {report.Failed} of {report.Results.Count} checks failed ({report.Passed} pass, {report.Warned} warn, " +
            $"{report.Skipped} skip{warnings}) in {report.Duration.TotalSeconds:0.0} s");
    }
}

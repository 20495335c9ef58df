using System.Globalization;
using KooGate.Conformance;
using Spectre.Console;

namespace KooGate.Cli.Commands;

/// <summary>The human-readable report of <c>koogate check</c>: one row per check, then a verdict line.</summary>
internal static class CheckTable
{
    public static void Write(TextWriter output, ConformanceReport report)
    {
        var console = ReportConsole.For(output, pipedWidth: 240);

        var table = new Table().Border(TableBorder.Rounded)
            .Title(Markup.Escape($"koogate check {report.Profile} {report.ProductionUrl}"))
            .AddColumns("Category", "Check", "Result", "ms", "Detail");
        foreach (var result in report.Results)
        {
            table.AddRow(
                new Text(result.CategoryName),
                new Text(result.Name),
                new Markup(result.Outcome switch
                {
                    CheckOutcome.Pass => "[green]PASS[/]",
                    CheckOutcome.Fail => "[red]FAIL[/]",
                    _ => "[yellow]SKIP[/]",
                }),
                new Text(Math.Round(result.Duration.TotalMilliseconds).ToString(CultureInfo.InvariantCulture)),
                new Text(result.Detail));
        }

        console.Write(table);
        var verdict = report.HasFailures ? "[red]FAIL[/]" : "[green]PASS[/]";
        console.MarkupLine($"{verdict}: {report.Failed} of {report.Results.Count} checks failed ({report.Passed} pass, {report.Skipped} skip) in {report.Duration.TotalSeconds:0.0} s");
    }
}

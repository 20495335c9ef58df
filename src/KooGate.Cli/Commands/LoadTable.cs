using System.Globalization;
using KooGate.Emulator.Load;
using Spectre.Console;

namespace KooGate.Cli.Commands;

/// <summary>The human-readable report of <c>koogate load</c>: the figures, then how every call ended.</summary>
internal static class LoadTable
{
    public static void Write(TextWriter output, LoadReport report)
    {
        var console = ReportConsole.For(output, pipedWidth: 160);

        var mode = report.TargetRate is { } rate ? $"open loop at {Number(rate)}/s" : "closed loop";
        var table = new Table().Border(TableBorder.Rounded)
            .Title(Markup.Escape($"koogate load {report.Profile} {report.Activity} {report.ProductionUrl}"))
            .AddColumns("Figure", "Value");
        Row(table, "connections", $"{report.Connections} ({mode})");
        Row(table, "seconds", Number(report.ElapsedSeconds, "0.00"));
        Row(table, "signed calls sent", $"{Number(report.Sent)} ({Number(report.SentPerSecond, "0.0")}/s; creates {Number(report.CreateCalls)}, queries {Number(report.QueryCalls)})");
        Row(table, "successful (000000)", $"{Number(report.Ok)} ({Number(report.OkPerSecond, "0.0")}/s)");
        Row(table, "latency p50 / p90 / p99 / max", $"{Number(report.P50Ms, "0.000")} / {Number(report.P90Ms, "0.000")} / {Number(report.P99Ms, "0.000")} / {Number(report.MaxMs, "0.000")} ms");
        foreach (var (code, count) in report.ResultCodes)
        {
            Row(table, $"resultCode {code}", Number(count));
        }

        foreach (var (status, count) in report.HttpErrors)
        {
            Row(table, $"HTTP {status}", Number(count));
        }

        Row(table, "timeouts", Number(report.Timeouts));
        Row(table, "transport errors", Number(report.TransportErrors));
        Row(table, "replies without a resultCode", Number(report.BadReplies));
        if (report.Seeded > 0 || report.SeedFailed > 0)
        {
            Row(table, "instances created first", $"{Number(report.Seeded)} ({Number(report.SeedFailed)} creates failed)");
        }

        console.Write(table);
        var verdict = report.HasFailures || report.Ok == 0 ? "[red]FAIL[/]" : "[green]PASS[/]";
        console.MarkupLine($"{verdict}: {Number(report.Ok)} of {Number(report.Sent)} signed calls succeeded, {Number(report.OkPerSecond, "0")} per second");
    }

    private static void Row(Table table, string figure, string value) => table.AddRow(new Text(figure), new Text(value));

    private static string Number(double value, string format = "#,0") => value.ToString(format, CultureInfo.InvariantCulture);
}

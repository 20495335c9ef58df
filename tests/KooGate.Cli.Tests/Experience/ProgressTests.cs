using KooGate.Cli.Commands;
using KooGate.Conformance;
using KooGate.Testing.Server;
using Spectre.Console.Testing;

namespace KooGate.Cli.Tests.Experience;

public sealed class ProgressTests
{
    [Fact]
    public async Task On_an_interactive_terminal_the_progress_line_shows_the_title_and_the_latest_step()
    {
        var terminal = new TestConsole().Interactive().EmitAnsiSequences();
        var result = await CliProgress.RunAsync(terminal, "checks", null, async progress =>
        {
            Assert.True(progress.IsShown);
            foreach (var name in new[] { "signature", "timestamp", "idempotency" })
            {
                progress.Step($"pass: {name}");
                await Task.Delay(120);
            }

            return progress.Steps;
        });

        Assert.Equal(3, result);
        Assert.Contains("checks (3) pass: idempotency", terminal.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_a_terminal_the_work_runs_and_nothing_is_drawn()
    {
        using var output = new StringWriter();
        var context = new CliContext(output, TextWriter.Null, TimeProvider.System);
        Assert.Null(CliProgress.TerminalFor(context));

        var result = await CliProgress.RunAsync(CliProgress.TerminalFor(context), "load", 10, progress =>
        {
            Assert.False(progress.IsShown);
            progress.Step("one");
            progress.Report(5, "half");
            return Task.FromResult(progress.Steps);
        });

        Assert.Equal(1, result);
        Assert.Equal(string.Empty, output.ToString());
    }

    [Fact]
    public async Task The_conformance_runner_reports_every_check_as_it_completes()
    {
        using var server = new KooGateHost(new KooGateHostOptions { Clock = TimeProvider.System });
        var seen = new List<CheckResult>();
        var report = await ConformanceRunner.RunAsync(new ConformanceOptions
        {
            ProductionUrl = new Uri(server.BaseAddress, "produce"),
            Profile = ConformanceProfile.SaasV2,
            Key = TestKeys.Basic,
            DebugOnly = true,
            OnCheckCompleted = seen.Add,
        });

        Assert.NotEmpty(seen);
        Assert.Equal(report.Results, seen);
    }
}

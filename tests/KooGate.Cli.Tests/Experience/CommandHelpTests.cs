using System.CommandLine;

namespace KooGate.Cli.Tests.Experience;

public sealed class CommandHelpTests
{
    [Fact]
    public void Every_command_that_runs_something_shows_examples_in_its_help()
    {
        var root = KooGateCli.Build(new CliContext(TextWriter.Null, TextWriter.Null, TimeProvider.System));
        var leaves = Leaves(root, "koogate").ToList();
        Assert.True(leaves.Count > 40, $"only {leaves.Count} commands found");

        var without = leaves.Where(c => c.Command.Description?.Contains("\nExamples:\n", StringComparison.Ordinal) != true)
            .Select(c => c.Path).ToList();
        Assert.True(without.Count == 0, "no examples in: " + string.Join(", ", without));
    }

    [Fact]
    public void Help_prints_the_examples()
    {
        var help = CliRunner.InProcess("order", "get", "--help");
        Assert.Equal(0, help.ExitCode);
        Assert.Matches(@"Examples:\s+koogate order get CS2207261447AUY4H\s", help.Out);
    }

    private static IEnumerable<(string Path, Command Command)> Leaves(Command command, string path) =>
        command.Subcommands.Count == 0
            ? [(path, command)]
            : command.Subcommands.SelectMany(c => Leaves(c, path + " " + c.Name));
}

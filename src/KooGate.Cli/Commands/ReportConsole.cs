using Spectre.Console;

namespace KooGate.Cli.Commands;

/// <summary>A Spectre console over a report's writer: colours on a terminal, plain and wide for files and pipes.</summary>
internal static class ReportConsole
{
    public static IAnsiConsole For(TextWriter output, int pipedWidth)
    {
        var terminal = ReferenceEquals(output, Console.Out) && !Console.IsOutputRedirected;
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = terminal ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = terminal ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(output),
        });
        if (!terminal)
        {
            // Files and pipes: wide enough that details are not wrapped into unreadable columns.
            console.Profile.Width = pipedWidth;
        }

        return console;
    }
}

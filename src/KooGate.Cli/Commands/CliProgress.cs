using Spectre.Console;

namespace KooGate.Cli.Commands;

/// <summary>
/// A live progress line for long commands (<c>check</c>, <c>load</c>, <c>scenario run</c>): drawn only when the command
/// writes to an interactive terminal, never into a file, a pipe or JSON output, and cleared when the work ends so the
/// result table follows as before.
/// </summary>
internal static class CliProgress
{
    /// <summary>The terminal to draw on, or null: output redirected, an in-process writer (tests), or <paramref name="machineOutput"/>.</summary>
    public static IAnsiConsole? TerminalFor(CliContext context, bool machineOutput = false) =>
        !machineOutput && ReferenceEquals(context.Out, Console.Out) && !Console.IsOutputRedirected && AnsiConsole.Profile.Capabilities.Interactive
            ? AnsiConsole.Console
            : null;

    /// <summary>
    /// Runs <paramref name="work"/>; with a <paramref name="console"/> it shows <paramref name="title"/> with a bar when
    /// <paramref name="total"/> is known, else a spinner, updated through the <see cref="ProgressReporter"/>.
    /// </summary>
    public static async Task<T> RunAsync<T>(IAnsiConsole? console, string title, double? total, Func<ProgressReporter, Task<T>> work)
    {
        if (console is null)
        {
            return await work(ProgressReporter.None);
        }

        return await console.Progress()
            .AutoClear(true)
            .Columns(new SpinnerColumn(), new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .StartAsync(async progress =>
            {
                var task = progress.AddTask(Markup.Escape(title), maxValue: total ?? 1);
                task.IsIndeterminate = total is null;
                var reporter = new ProgressReporter(task, title);
                try
                {
                    return await work(reporter);
                }
                finally
                {
                    task.StopTask();
                }
            });
    }
}

/// <summary>What a long command tells its progress line; does nothing when no line is drawn.</summary>
internal sealed class ProgressReporter
{
    public static readonly ProgressReporter None = new(null, string.Empty);

    private readonly ProgressTask? _task;
    private readonly string _title;
    private int _steps;

    internal ProgressReporter(ProgressTask? task, string title) => (_task, _title) = (task, title);

    /// <summary>Whether a progress line is drawn (work that only feeds it can be skipped otherwise).</summary>
    public bool IsShown => _task is not null;

    /// <summary>Steps done so far (counted even without a progress line).</summary>
    public int Steps => Volatile.Read(ref _steps);

    /// <summary>One more step done; <paramref name="what"/> names it after the title.</summary>
    public void Step(string? what = null)
    {
        var steps = Interlocked.Increment(ref _steps);
        if (_task is not null)
        {
            _task.Increment(1);
            _task.Description = Describe($"{steps}", what);
        }
    }

    /// <summary>Sets the value (of the total given to <see cref="CliProgress.RunAsync{T}"/>) and what is going on.</summary>
    public void Report(double value, string? what = null)
    {
        if (_task is not null)
        {
            _task.Value = value;
            _task.Description = Describe(null, what);
        }
    }

    private string Describe(string? count, string? what) =>
        Markup.Escape(string.Join(" ", new[] { _title, count is null ? null : $"({count})", what }.Where(p => !string.IsNullOrEmpty(p))));
}

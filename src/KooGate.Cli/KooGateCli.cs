using System.CommandLine;
using System.CommandLine.Invocation;
using KooGate.Cli.Commands;

namespace KooGate.Cli;

/// <summary>
/// The <c>koogate</c> command line. Value commands print the value alone on stdout and exit 0; bad input prints a
/// clear error on stderr and exits 2; verify commands exit 0 when valid and 1 when not; open-API commands print the
/// marketplace's JSON and exit 0, or exit 1 when the marketplace call fails; check exits 0 when every check passed
/// (skips allowed) and 1 when any failed; load exits 0 when every call got 000000 and 1 when any did not.
/// </summary>
public static class KooGateCli
{
    public const int Ok = 0;
    public const int Invalid = 1;
    public const int BadInput = 2;

    /// <summary>An open-API call failed (business or gateway error, timeout, network).</summary>
    public const int RemoteFailure = 1;

    public static int Run(string[] args, TextWriter output, TextWriter error, TimeProvider time) =>
        Run(args, output, error, time, null);

    /// <summary><paramref name="environment"/> replaces the process environment (tests).</summary>
    public static int Run(string[] args, TextWriter output, TextWriter error, TimeProvider time, Func<string, string?>? environment)
    {
        var context = new CliContext(output, error, time, environment);
        var parsed = Build(context).Parse(args);
        if (parsed.Errors.Count > 0)
        {
            foreach (var parseError in parsed.Errors)
            {
                error.WriteLine($"error: {parseError.Message}");
            }

            WriteTypoCorrections(parsed, error);
            error.WriteLine("run 'koogate --help' for usage");
            return BadInput;
        }

        try
        {
            return parsed.Invoke(new InvocationConfiguration { Output = output, Error = error });
        }
        catch (CliInputException e)
        {
            error.WriteLine($"error: {e.Message}");
            return BadInput;
        }
    }

    /// <summary>
    /// Every command. The root keeps System.CommandLine's <c>[suggest]</c> directive, which <c>koogate completion</c>'s
    /// shell scripts call.
    /// </summary>
    internal static RootCommand Build(CliContext context)
    {
        var root = new RootCommand("koogate: KooGallery (Huawei Cloud Marketplace) seller-integration tools")
        {
            SignCommands.Create(context),
            VerifyCommands.Create(context),
            AesCommands.Create(context),
            OrderCommands.Create(context),
            LicenseCommands.Create(context),
            UsageCommands.Create(context),
            UploadCommands.Create(context),
            AdminCommands.Create(context),
            CheckCommand.Create(context),
            LoadCommand.Create(context),
            ServeCommand.Create(),
            CompletionCommand.Create(context),
        };
        foreach (var command in EmulatorCommands.Create(context).Concat(Commands.Scenarios.ScenarioCommands.Create(context)))
        {
            root.Subcommands.Add(command);
        }

        return root;
    }

    /// <summary>"'chek' was not matched. Did you mean one of the following? check", from System.CommandLine.</summary>
    private static void WriteTypoCorrections(ParseResult parsed, TextWriter error)
    {
        if (parsed.Action is not ParseErrorAction corrections)
        {
            return;
        }

        // The action writes the errors (already printed, in our format) to Error and the corrections to Output.
        corrections.ShowHelp = false;
        corrections.ShowTypoCorrections = true;
        using var suggestions = new StringWriter();
        parsed.Invoke(new InvocationConfiguration { Output = suggestions, Error = TextWriter.Null });
        var text = suggestions.ToString().Trim();
        if (text.Length > 0)
        {
            error.WriteLine(text);
        }
    }

    /// <summary>Wraps a command body so that input errors become exit code 2 with a message.</summary>
    internal static Func<ParseResult, int> Guard(CliContext context, Func<ParseResult, int> body) => result =>
    {
        try
        {
            return body(result);
        }
        catch (CliInputException e)
        {
            context.Error.WriteLine($"error: {e.Message}");
            return BadInput;
        }
    };
}

using System.Diagnostics;

namespace KooGate.Cli.Tests.Experience;

public sealed class TypoAndCompletionTests
{
    [Theory]
    [InlineData(new[] { "chek" }, "'chek' was not matched. Did you mean one of the following?\ncheck")]
    [InlineData(new[] { "admin", "outbx", "list" }, "'outbx' was not matched. Did you mean one of the following?\noutbox")]
    public void A_mistyped_command_gets_a_suggestion_on_stderr_and_exit_code_2(string[] args, string expected)
    {
        var result = CliRunner.InProcess(args);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains(expected, result.Error.Replace("\r\n", "\n", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.EndsWith("run 'koogate --help' for usage", result.Error.TrimEnd(), StringComparison.Ordinal);
        Assert.Equal(string.Empty, result.Out);
    }

    [Fact]
    public void The_suggest_directive_lists_what_can_follow()
    {
        var result = CliRunner.InProcess("[suggest:16]", "koogate admin ou");
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("outbox", result.Out.Split('\n', StringSplitOptions.TrimEntries));
        Assert.DoesNotContain("instances", result.Out.Split('\n', StringSplitOptions.TrimEntries));
    }

    [Theory]
    [InlineData("bash", "complete -o default -F _koogate_complete koogate")]
    [InlineData("zsh", "compdef _koogate_complete koogate")]
    [InlineData("pwsh", "Register-ArgumentCompleter -Native -CommandName koogate")]
    public void Completion_prints_a_script_for_each_shell(string shell, string expected)
    {
        var result = CliRunner.InProcess("completion", shell);
        Assert.Equal(0, result.ExitCode);
        Assert.Contains(expected, result.Out, StringComparison.Ordinal);
        Assert.Contains("[suggest:", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_bash_script_completes_a_partial_command_through_the_real_koogate()
    {
        var script = CliRunner.InProcess("completion", "bash").Out;
        var dll = Path.Combine(AppContext.BaseDirectory, "koogate.dll");
        var file = Path.GetTempFileName();
        try
        {
            File.WriteAllText(file, $$"""
                koogate() { dotnet '{{dll}}' "$@"; }
                {{script}}
                COMP_LINE='koogate admin ou'
                COMP_POINT=${#COMP_LINE}
                COMP_WORDS=(koogate admin ou)
                COMP_CWORD=2
                _koogate_complete
                printf '%s\n' "${COMPREPLY[@]}"
                """);
            using var bash = Process.Start(new ProcessStartInfo("bash", [file]) { RedirectStandardOutput = true, RedirectStandardError = true })!;
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            var output = await bash.StandardOutput.ReadToEndAsync(timeout.Token);
            await bash.WaitForExitAsync(timeout.Token);
            Assert.Equal(["outbox"], output.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        }
        finally
        {
            File.Delete(file);
        }
    }
}

using System.CommandLine;

namespace KooGate.Cli.Commands;

/// <summary>
/// <c>koogate completion bash|zsh|pwsh</c>: prints a shell script that completes commands and options by asking
/// koogate itself (System.CommandLine's <c>[suggest:position]</c> directive), so it always matches the installed version.
/// </summary>
internal static class CompletionCommand
{
    public static readonly IReadOnlyDictionary<string, string> Scripts = new Dictionary<string, string>
    {
        ["bash"] = """
            # koogate completion for bash: eval "$(koogate completion bash)" in ~/.bashrc
            _koogate_complete() {
                local IFS=$'\n'
                local candidates
                candidates=$(koogate "[suggest:${COMP_POINT}]" "${COMP_LINE}" 2>/dev/null)
                COMPREPLY=($(compgen -W "${candidates}" -- "${COMP_WORDS[COMP_CWORD]}"))
            }
            complete -o default -F _koogate_complete koogate
            """,
        ["zsh"] = """
            # koogate completion for zsh: eval "$(koogate completion zsh)" in ~/.zshrc (after compinit)
            _koogate_complete() {
                local -a candidates
                candidates=("${(@f)$(koogate "[suggest:${CURSOR}]" "${BUFFER}" 2>/dev/null)}")
                compadd -a candidates
            }
            compdef _koogate_complete koogate
            """,
        ["pwsh"] = """
            # koogate completion for PowerShell: koogate completion pwsh | Out-String | Invoke-Expression (in $PROFILE)
            Register-ArgumentCompleter -Native -CommandName koogate -ScriptBlock {
                param($wordToComplete, $commandAst, $cursorPosition)
                koogate "[suggest:$cursorPosition]" "$commandAst" 2>$null | Where-Object { $_ -like "$wordToComplete*" } | ForEach-Object {
                    [System.Management.Automation.CompletionResult]::new($_, $_, 'ParameterValue', $_)
                }
            }
            """,
    };

    public static Command Create(CliContext context)
    {
        var shell = new Argument<string>("shell") { Description = "bash, zsh or pwsh" };
        shell.AcceptOnlyFromAmong([.. Scripts.Keys]);
        var command = new Command("completion", Examples.Describe("print a shell-completion script for koogate's commands and options",
            "eval \"$(koogate completion bash)\"      # in ~/.bashrc",
            "eval \"$(koogate completion zsh)\"       # in ~/.zshrc, after compinit",
            "koogate completion pwsh | Out-String | Invoke-Expression   # in $PROFILE"))
        {
            shell,
        };
        command.SetAction(result =>
        {
            context.Out.WriteLine(Scripts[result.GetValue(shell)!]);
            return KooGateCli.Ok;
        });
        return command;
    }
}

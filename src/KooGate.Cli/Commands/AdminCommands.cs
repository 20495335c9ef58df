using System.CommandLine;
using System.Text;
using Microsoft.AspNetCore.Identity;

namespace KooGate.Cli.Commands;

/// <summary><c>koogate admin hash-password</c>: the value for <c>KooGate__Admin__Users__N__PasswordHash</c>.</summary>
internal static class AdminCommands
{
    public static Command Create(CliContext context)
    {
        var admin = new Command("admin", "KooGate server administration: hash a dashboard password, or operate a running server through its admin API")
        {
            HashPassword(context),
        };
        foreach (var command in Admin.AdminApiCommands.Create(context))
        {
            admin.Subcommands.Add(command);
        }

        return admin;
    }

    private static Command HashPassword(CliContext context)
    {
        var password = new Option<string>("--password") { Description = "the password (visible in shell history: prefer --password-file)" };
        var file = new Option<string>("--password-file") { Description = "file whose first line is the password ('-' for stdin)" };
        var command = new Command("hash-password", "hash a dashboard password (ASP.NET Core Identity v3: PBKDF2-HMAC-SHA512, 100,000 iterations)")
        {
            password,
            file,
        };
        command.SetAction(KooGateCli.Guard(context, result =>
        {
            var given = result.GetValue(password);
            var path = result.GetValue(file);
            if ((given is null) == (path is null))
            {
                throw new CliInputException("give exactly one of --password and --password-file");
            }

            var value = given ?? FirstLine(Encoding.UTF8.GetString(CliContext.ReadBody(path)));
            if (value.Length < 8)
            {
                throw new CliInputException("the password must be at least 8 characters");
            }

            context.Out.WriteLine(new PasswordHasher<string>().HashPassword(string.Empty, value));
            return KooGateCli.Ok;
        }));
        return command;
    }

    private static string FirstLine(string text) => text.Split('\n')[0].TrimEnd('\r');
}

using System.CommandLine;
using System.Text;
using Microsoft.AspNetCore.Identity;

namespace KooGate.Cli.Commands;

/// <summary>
/// <c>koogate admin hash-password</c>: the value for <c>KooGate__Admin__Users__N__PasswordHash</c>;
/// <c>koogate admin generate-secret</c>: a random value for <c>KooGate__SecretsKey</c>, the admin API key or the webhook secret.
/// </summary>
internal static class AdminCommands
{
    public static Command Create(CliContext context)
    {
        var admin = new Command("admin", "KooGate server administration: hash a dashboard password, or operate a running server through its admin API")
        {
            HashPassword(context),
            GenerateSecret(context),
        };
        foreach (var command in Admin.AdminApiCommands.Create(context))
        {
            admin.Subcommands.Add(command);
        }

        return admin;
    }

    private static Command GenerateSecret(CliContext context)
    {
        var bytes = new Option<int>("--bytes") { Description = "random bytes to generate (32 for KooGate__SecretsKey)", DefaultValueFactory = _ => 32 };
        var webhook = new Option<bool>("--webhook") { Description = "a Standard Webhooks secret (whsec_…) for KooGate__Webhook__Secret" };
        var command = new Command("generate-secret", Examples.Describe("print Base64 of random bytes: a value for KooGate__SecretsKey or KooGate__Admin__ApiKey; with --webhook, a whsec_ value for KooGate__Webhook__Secret", "koogate admin generate-secret", "koogate admin generate-secret --webhook"))
        {
            bytes,
            webhook,
        };
        command.SetAction(KooGateCli.Guard(context, result =>
        {
            var count = result.GetValue(bytes);
            if (count is < 16 or > 1024)
            {
                throw new CliInputException("--bytes must be between 16 and 1024");
            }

            var secret = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(count));
            context.Out.WriteLine(result.GetValue(webhook) ? "whsec_" + secret : secret);
            return KooGateCli.Ok;
        }));
        return command;
    }

    private static Command HashPassword(CliContext context)
    {
        var password = new Option<string>("--password") { Description = "the password (visible in shell history: prefer --password-file)" };
        var file = new Option<string>("--password-file") { Description = "file whose first line is the password ('-' for stdin)" };
        var command = new Command("hash-password", Examples.Describe("hash a dashboard password (ASP.NET Core Identity v3: PBKDF2-HMAC-SHA512, 100,000 iterations)", "koogate admin hash-password --password-file pw.txt", "read -rs PW; printf %s \"$PW\" | koogate admin hash-password --password-file -"))
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

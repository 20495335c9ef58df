using System.CommandLine;
using KooGate.Server;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;

namespace KooGate.Cli.Commands;

/// <summary>
/// <c>koogate serve</c>: the production-interface server itself (the same composition as the container image),
/// configured by <c>KooGate__…</c> environment variables or an appsettings.json in the current folder.
/// </summary>
internal static class ServeCommand
{
    public const string DefaultUrl = "http://127.0.0.1:8080";

    public static Command Create()
    {
        var urls = new Option<string>("--urls") { Description = "where the server listens (semicolon-separated)", DefaultValueFactory = _ => DefaultUrl };
        var data = new Option<string>("--data") { Description = "data directory: SQLite file, development keys, session keys (default ./data or KooGate__DataDirectory)" };
        var database = new Option<string>("--database")
        {
            Description = "connection string (default ConnectionStrings__KooGate): Data Source=… is SQLite, anything else PostgreSQL; none: SQLite in the data directory",
        };
        var development = new Option<bool>("--development")
        {
            Description = "Development environment: generates and prints keys and a dashboard login on first start",
        };
        var command = new Command("serve", Examples.Describe(
            "run the KooGate production-interface server (production interface, admin API, dashboard, /metrics, /healthz, /readyz)",
            "koogate serve --development",
            "KooGate__Keys__Basic=… KooGate__Admin__ApiKey=… koogate serve --urls http://127.0.0.1:8080 --data /var/lib/koogate"))
        {
            urls, data, database, development,
        };
        command.SetAction(async (result, cancellationToken) =>
        {
            var args = new List<string> { "--urls", result.GetValue(urls)! };
            if (result.GetValue(data) is { } directory)
            {
                args.AddRange(["--KooGate:DataDirectory", directory]);
            }

            if (result.GetValue(database) is { } connection)
            {
                args.AddRange(["--ConnectionStrings:KooGate", connection]);
            }

            var builder = WebApplication.CreateBuilder(new WebApplicationOptions
            {
                Args = [.. args],
                EnvironmentName = result.GetValue(development) ? Environments.Development : null,
            });
            builder.AddKooGate();
            await using var app = builder.Build();
            await app.UseKooGateAsync();
            app.MapGet("/", () => Results.Text("KooGate production-interface server\n"));
            await app.RunAsync(cancellationToken);
            return KooGateCli.Ok;
        });
        return command;
    }
}

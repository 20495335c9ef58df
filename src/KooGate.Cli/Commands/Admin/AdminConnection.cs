using System.CommandLine;
using System.Net.Http;
using System.Text.Encodings.Web;
using System.Text.Json;
using KooGate.Client.Admin;
using Spectre.Console;

namespace KooGate.Cli.Commands.Admin;

/// <summary>
/// How every <c>koogate admin</c> API command reaches the server: <c>--url</c> (default <c>$KOOGATE_URL</c> or
/// <see cref="DefaultUrl"/>), the key from <c>KOOGATE_ADMIN_API_KEY</c>, a table on stdout or <c>--json</c>. A refusal
/// prints the server's reason on stderr and exits 1; a missing key or bad option exits 2.
/// </summary>
internal static class AdminConnection
{
    public const string DefaultUrl = "http://127.0.0.1:8080";

    public const string KeyVariable = "KOOGATE_ADMIN_API_KEY";

    public const string UrlVariable = "KOOGATE_URL";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>Adds <c>--url</c> and <c>--json</c> and runs <paramref name="call"/>, printing its answer.</summary>
    public static void SetAction<T>(
        Command command, CliContext context, Func<ParseResult, KooGateAdminClient, CancellationToken, Task<T>> call, Action<IAnsiConsole, T> table)
    {
        var url = new Option<string>("--url")
        {
            Description = $"the KooGate server (default ${UrlVariable} or {DefaultUrl}); the API key comes from ${KeyVariable}",
        };
        var json = new Option<bool>("--json") { Description = "print the server's answer as JSON instead of a table" };
        command.Options.Add(url);
        command.Options.Add(json);
        command.SetAction(async (result, cancellationToken) =>
        {
            try
            {
                using var client = Connect(context, result.GetValue(url));
                var answer = await call(result, client, cancellationToken);
                if (result.GetValue(json))
                {
                    context.Out.WriteLine(JsonSerializer.Serialize(answer, Json));
                }
                else
                {
                    table(ReportConsole.For(context.Out, 200), answer);
                }

                return KooGateCli.Ok;
            }
            catch (CliInputException e)
            {
                context.Error.WriteLine($"error: {e.Message}");
                return KooGateCli.BadInput;
            }
            catch (KooGateAdminException e)
            {
                context.Error.WriteLine($"error: {e.Message}");
                return KooGateCli.RemoteFailure;
            }
            catch (HttpRequestException e)
            {
                context.Error.WriteLine($"error: cannot reach the KooGate server: {e.Message}");
                return KooGateCli.RemoteFailure;
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                context.Error.WriteLine("error: the KooGate server did not answer in time");
                return KooGateCli.RemoteFailure;
            }
        });
    }

    private static KooGateAdminClient Connect(CliContext context, string? url)
    {
        var address = url ?? context.GetEnvironment(UrlVariable) ?? DefaultUrl;
        if (!Uri.TryCreate(address, UriKind.Absolute, out var root) || root.Scheme is not ("http" or "https"))
        {
            throw new CliInputException($"--url '{address}' is not an absolute http(s) URL");
        }

        var key = context.GetEnvironment(KeyVariable);
        if (string.IsNullOrEmpty(key))
        {
            throw new CliInputException($"set {KeyVariable} to the server's admin API key (KooGate__Admin__ApiKey)");
        }

        return new KooGateAdminClient(new Uri(root.ToString().TrimEnd('/') + "/"), key);
    }

    /// <summary>Paging options shared by the list commands.</summary>
    public static (Option<int?> Skip, Option<int?> Take) PagingOptions(Command command)
    {
        var skip = new Option<int?>("--skip") { Description = "rows to skip (newest first)" };
        var take = new Option<int?>("--take") { Description = "rows to show (default 50, at most 500)" };
        command.Options.Add(skip);
        command.Options.Add(take);
        return (skip, take);
    }

    public static Option<DateTimeOffset?> DateOption(string name, string description) => new(name)
    {
        Description = description + " (ISO 8601, e.g. 2026-03-01 or 2026-03-01T08:00:00Z; UTC when no offset)",
        CustomParser = r =>
        {
            var text = r.Tokens.Single().Value;
            if (DateTimeOffset.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var value))
            {
                return value;
            }

            r.AddError($"{name} '{text}' is not a date");
            return null;
        },
    };
}

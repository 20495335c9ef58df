using System.CommandLine;
using System.Net.Http.Json;
using System.Text.Encodings.Web;
using System.Text.Json;
using KooGate.Emulator;
using Microsoft.AspNetCore.Builder;

namespace KooGate.Cli.Commands;

/// <summary>
/// <c>koogate emulate</c> runs KooGallery in a box; <c>koogate clock</c>, <c>koogate buy</c> and <c>koogate order</c> drive
/// a running emulator through its REST API.
/// </summary>
internal static class EmulatorCommands
{
    public const string DefaultUrl = "http://127.0.0.1:5090";

    public static IEnumerable<Command> Create(CliContext context) => [Emulate(context), Clock(context), Buy(context), Order(context), CatalogCommands.Create(context)];

    private static Command Emulate(CliContext context)
    {
        var urls = new Option<string>("--urls") { Description = "where the emulator listens", DefaultValueFactory = _ => DefaultUrl };
        var data = new Option<string>("--data") { Description = "the SQLite file of the marketplace", DefaultValueFactory = _ => "koogate-emulator.db" };
        var publicUrl = new Option<string>("--public-url") { Description = "the emulator's address as sellers reach it (Kit domainName)" };
        var timeout = new Option<int>("--timeout-ms") { Description = "production-interface call timeout", DefaultValueFactory = _ => 5000 };
        var freezeDays = new Option<int>("--freeze-days") { Description = "days between expiry and release", DefaultValueFactory = _ => 15 };
        var allowRemote = new Option<bool>("--allow-remote") { Description = "listen on a non-loopback --urls (the emulator has no authentication)" };
        var command = new Command("emulate", Examples.Describe("run the marketplace emulator (page at /, REST API under /api, open APIs, OAuth2 identity provider)",
            "koogate emulate", "koogate emulate --urls http://127.0.0.1:5090 --data emulator.db --freeze-days 1"))
        {
            urls, data, publicUrl, timeout, freezeDays, allowRemote,
        };
        command.SetAction(KooGateCli.Guard(context, result =>
        {
            if (!result.GetValue(allowRemote) && RemoteAddress(result.GetValue(urls)!) is { } remote)
            {
                // Anyone who reaches the emulator can change the marketplace and read every key it holds.
                throw new CliInputException(
                    $"--urls {remote} is not a loopback address; the emulator has no authentication. Listen on 127.0.0.1, [::1] or localhost, or add --allow-remote");
            }

            var app = EmulatorApp.Build(["--urls", result.GetValue(urls)!, .. QuietLogging], options =>
            {
                options.DataPath = result.GetValue(data)!;
                options.PublicBaseUrl = result.GetValue(publicUrl);
                options.CallTimeoutMilliseconds = result.GetValue(timeout);
                options.FreezePeriodDays = result.GetValue(freezeDays);
            });
            EmulatorApp.InitializeAsync(app).GetAwaiter().GetResult();
            app.Run();
            return KooGateCli.Ok;
        }));
        return command;
    }

    /// <summary>The first of the semicolon-separated <paramref name="urls"/> that listens beyond this machine, or null.</summary>
    internal static string? RemoteAddress(string urls) => urls
        .Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
        .FirstOrDefault(url => !IsLoopback(url));

    private static bool IsLoopback(string url)
    {
        // Kestrel's wildcards (*, +) do not parse as a URI host: they listen everywhere.
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri))
        {
            return false;
        }

        return string.Equals(uri.Host, "localhost", StringComparison.OrdinalIgnoreCase)
               || (System.Net.IPAddress.TryParse(uri.Host.Trim('[', ']'), out var address) && System.Net.IPAddress.IsLoopback(address));
    }

    /// <summary>
    /// One line per production-interface call (<see cref="Emulator.Delivery.CallLog"/>) and the listening address;
    /// everything else (EF Core's per-statement SQL, request logs) only from Warning up.
    /// </summary>
    internal static readonly string[] QuietLogging =
    [
        "--Logging:LogLevel:Default=Warning",
        "--Logging:LogLevel:Microsoft.Hosting.Lifetime=Information",
        $"--Logging:LogLevel:{Emulator.Delivery.CallLog.Category}=Information",
        "--Logging:Console:FormatterName=simple",
        "--Logging:Console:FormatterOptions:SingleLine=true",
    ];

    internal static Option<string> EmulatorUrl() => new("--emulator")
    {
        Description = "the running emulator (default $KOOGATE_EMULATOR or " + DefaultUrl + ")",
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable("KOOGATE_EMULATOR") ?? DefaultUrl,
    };

    private static Command Clock(CliContext context)
    {
        var show = new Command("show", Examples.Describe("print the virtual time", "koogate clock show"));
        var showUrl = EmulatorUrl();
        show.Options.Add(showUrl);
        show.SetAction(KooGateCli.Guard(context, result => Call(context, result.GetValue(showUrl)!, HttpMethod.Get, "/api/clock", null)));

        var emulator = EmulatorUrl();
        var days = new Option<double>("--days") { Description = "days to advance" };
        var hours = new Option<double>("--hours") { Description = "hours to advance" };
        var seconds = new Option<double>("--seconds") { Description = "seconds to advance" };
        var advance = new Command("advance", Examples.Describe("move the virtual clock forward, running everything that falls due on the way", "koogate clock advance --days 31", "koogate clock advance --hours 2 --emulator http://127.0.0.1:5090"))
        {
            emulator, days, hours, seconds,
        };
        advance.SetAction(KooGateCli.Guard(context, result => Call(context, result.GetValue(emulator)!, HttpMethod.Post, "/api/clock/advance",
            new { days = result.GetValue(days), hours = result.GetValue(hours), seconds = result.GetValue(seconds) })));
        return new Command("clock", "the emulator's virtual clock") { show, advance };
    }

    private static Command Buy(CliContext context)
    {
        var emulator = EmulatorUrl();
        var customer = CommonOptions.Required("--customer", "the buyer's customerId");
        var product = CommonOptions.Required("--product", "the productId");
        var periods = new Option<int?>("--periods") { Description = "number of periods (periodic products)" };
        var trial = new Option<bool>("--trial") { Description = "a trial order instead of a purchase" };
        var test = new Option<bool>("--test") { Description = "a debugging order (calls carry testFlag=1)" };
        var credit = new Option<bool>("--credit") { Description = "pay with credit (the product's credit control must allow it)" };
        var quantity = new Option<decimal?>("--quantity") { Description = "the quantity bought (linearValue)" };
        var notifyFirst = NotifyFirstOption();
        var command = new Command("buy", Examples.Describe("place a NEW (or TRIAL) order in the emulator", "koogate buy --customer c-1 --product 00301-000001-0--0 --periods 1", "koogate buy --customer c-1 --product 00301-000001-0--0 --trial --test")) { emulator, customer, product, periods, trial, test, credit, quantity, notifyFirst };
        command.SetAction(KooGateCli.Guard(context, result => Call(context, result.GetValue(emulator)!, HttpMethod.Post, "/api/orders", new
        {
            type = result.GetValue(trial) ? "TRIAL" : "NEW",
            customerId = result.GetValue(customer),
            productId = result.GetValue(product),
            periodNumber = result.GetValue(periods),
            linearValue = result.GetValue(quantity),
            test = result.GetValue(test),
            paymentMethod = result.GetValue(credit) ? "Credit" : "Balance",
            orderNotifyFirst = result.GetValue(notifyFirst) ? true : (bool?)null,
        })));
        return command;
    }

    private static Command Order(CliContext context)
    {
        var emulator = EmulatorUrl();
        var type = CommonOptions.Required("--type", "RENEW, CHANGE, TRIAL_TO_FORMAL or UNSUBSCRIBE");
        var resource = CommonOptions.Required("--resource", "the resourceId the order acts on");
        var product = new Option<string>("--product") { Description = "target productId (CHANGE, or a period-type change)" };
        var periods = new Option<int?>("--periods") { Description = "number of periods" };
        var quantity = new Option<decimal?>("--quantity") { Description = "the new quantity (linearValue) of a CHANGE" };
        var notifyFirst = NotifyFirstOption();
        var command = new Command("place-order", Examples.Describe("place a RENEW, CHANGE, TRIAL_TO_FORMAL or UNSUBSCRIBE order on an existing resource in the emulator", "koogate place-order --type RENEW --resource $RESOURCE_ID --periods 1", "koogate place-order --type UNSUBSCRIBE --resource $RESOURCE_ID"))
        {
            emulator, type, resource, product, periods, quantity, notifyFirst,
        };
        command.SetAction(KooGateCli.Guard(context, result => Call(context, result.GetValue(emulator)!, HttpMethod.Post, "/api/orders", new
        {
            type = result.GetValue(type),
            resourceId = result.GetValue(resource),
            productId = result.GetValue(product),
            periodNumber = result.GetValue(periods),
            linearValue = result.GetValue(quantity),
            orderNotifyFirst = result.GetValue(notifyFirst) ? true : (bool?)null,
        })));
        return command;
    }

    private static Option<bool> NotifyFirstOption() => new("--order-notify-first")
    {
        Description = "deliver the order's orderNotify before the call that applies it (default: the product's orderNotifyFirst)",
    };

    /// <summary>Prints the emulator's JSON answer; a refusal prints its error and exits 1.</summary>
    internal static int Call(CliContext context, string baseUrl, HttpMethod method, string path, object? body)
    {
        if (!Uri.TryCreate(baseUrl, UriKind.Absolute, out var root))
        {
            throw new CliInputException($"--emulator '{baseUrl}' is not an absolute URL");
        }

        using var client = new HttpClient { BaseAddress = root, Timeout = TimeSpan.FromMinutes(5) };
        using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
        HttpResponseMessage response;
        try
        {
            response = client.Send(request);
        }
        catch (HttpRequestException e)
        {
            throw new CliInputException($"cannot reach the emulator at {root}: {e.Message}");
        }

        using (response)
        {
            var text = response.Content.ReadAsStringAsync().GetAwaiter().GetResult();
            var pretty = TryIndent(text);
            (response.IsSuccessStatusCode ? context.Out : context.Error).WriteLine(pretty);
            return response.IsSuccessStatusCode ? KooGateCli.Ok : KooGateCli.Invalid;
        }
    }

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static string TryIndent(string text)
    {
        try
        {
            using var document = JsonDocument.Parse(text);
            return JsonSerializer.Serialize(document.RootElement, Indented);
        }
        catch (JsonException)
        {
            return text;
        }
    }
}

using System.CommandLine;
using System.Security.Cryptography;
using KooGate.Conformance;
using KooGate.Conformance.Reports;

namespace KooGate.Cli.Commands;

/// <summary>
/// <c>koogate check &lt;production-url&gt; --profile … --key …</c>: runs the conformance checks, prints a table, writes
/// JUnit/JSON reports on request; exit 0 when no <c>must</c> failed (warnings allowed unless <c>--strict</c>), 1 when
/// one did, 2 on bad input.
/// </summary>
internal static class CheckCommand
{
    public static Command Create(CliContext context)
    {
        var url = new Argument<string>("production-url") { Description = "the registered production address (Kit sub-paths are appended to it)" };
        var profile = new Option<string>("--profile")
        {
            Description = "interface family: " + string.Join("|", ConformanceProfiles.Names),
            Required = true,
        };
        profile.AcceptOnlyFromAmong([.. ConformanceProfiles.Names]);
        var key = CommonOptions.Key();
        var kitKey = new Option<string>("--kit-key") { Description = "with saas-v2: also check the Kit V2 syncs with this Kit accessKey" };
        var rsaPublicKey = new Option<string>("--rsa-public-key")
        {
            Description = "PEM file with the seller's RSA public key, to encrypt applicationSync.clientSecret (Kit)",
        };
        var junit = new Option<string>("--junit") { Description = "write a JUnit XML report to this file" };
        var json = new Option<string>("--json") { Description = "write a JSON report to this file" };
        var timeout = new Option<double>("--timeout")
        {
            Description = "seconds each call may take (KooGallery's limit is 5)",
            DefaultValueFactory = _ => ConformanceOptions.DefaultTimeout.TotalSeconds,
        };
        var debugOnly = new Option<bool>("--debug-only")
        {
            Description = "make only debug calls (testFlag=1) and calls about ids that do not exist: nothing reaches your application; " +
                "idempotency becomes a warning and the real-lifecycle checks are skipped",
        };
        var strict = new Option<bool>("--strict") { Description = "fail the run on warnings (broken 'should' checks) too" };
        var changeCheck = new Option<bool>("--change-check")
        {
            Description = "also check changeInstanceCheck and refreshInstance RENEWAL_CHANGE (products that enable 续费变更)",
        };
        var onDemand = new Option<bool>("--on-demand") { Description = "the product is on-demand: queryInstance must carry usageInfo" };
        var otherTypeKey = new Option<string>("--other-type-key")
        {
            Description = "the key of another interface type of this address (Kit, license code, 通用接口): it must not be accepted",
        };
        var provisioningWait = new Option<double>("--provisioning-wait")
        {
            Description = "seconds to follow a real create answering 000004 (webhook-mode servers provision in your application)",
            DefaultValueFactory = _ => ConformanceOptions.DefaultProvisioningWait.TotalSeconds,
        };

        var command = new Command("check", Examples.Describe("run the seller-center debugger's checks and stricter ones against a production interface",
            "koogate check http://127.0.0.1:8080/produce --profile saas-v2 --key $KEY",
            "koogate check https://seller.example.com/produce --profile saas-v2 --key $KEY --debug-only --junit check.xml"))
        {
            url, profile, key, kitKey, rsaPublicKey, junit, json, timeout, debugOnly, strict, changeCheck, onDemand, otherTypeKey,
            provisioningWait,
        };
        command.SetAction(async (result, cancellationToken) =>
        {
            try
            {
                var options = new ConformanceOptions
                {
                    ProductionUrl = ParseUrl(result.GetValue(url)!),
                    Profile = ConformanceProfiles.TryParse(result.GetValue(profile), out var p) ? p : throw new CliInputException("unknown --profile"),
                    Key = NotEmpty(result.GetValue(key), "--key"),
                    KitKey = result.GetValue(kitKey) is { } k ? NotEmpty(k, "--kit-key") : null,
                    RsaPublicKeyPem = result.GetValue(rsaPublicKey) is { } path ? ReadPublicKey(path) : null,
                    Timeout = ParseTimeout(result.GetValue(timeout)),
                    DebugOnly = result.GetValue(debugOnly),
                    ChangeCheck = result.GetValue(changeCheck),
                    OnDemand = result.GetValue(onDemand),
                    OtherTypeKey = result.GetValue(otherTypeKey) is { } o ? NotEmpty(o, "--other-type-key") : null,
                    ProvisioningWait = result.GetValue(provisioningWait) is var wait and >= 0 and <= 3600
                        ? TimeSpan.FromSeconds(wait)
                        : throw new CliInputException("--provisioning-wait must be between 0 and 3600 seconds"),
                    Time = context.Time,
                };

                context.Out.WriteLine(options.DebugOnly
                    ? "koogate check: debug calls only (testFlag=1): nothing reaches your application."
                    : "koogate check: real calls (testFlag=0, orders KGCHECK…) reach your application like real purchases, and every " +
                      "instance they create is released again. Use --debug-only to send debug calls only.");
                var isStrict = result.GetValue(strict);
                var report = await CliProgress.RunAsync(CliProgress.TerminalFor(context, result.GetValue(json) is not null), "checks", null, progress =>
                    ConformanceRunner.RunAsync(options with { OnCheckCompleted = r => progress.Step($"{r.Outcome.ToString().ToLowerInvariant()}: {r.Name}") }, cancellationToken: cancellationToken));
                CheckTable.Write(context.Out, report, isStrict);
                WriteReport(result.GetValue(junit), path => JUnitReport.Write(report, path, isStrict));
                WriteReport(result.GetValue(json), path => JsonReport.Write(report, path, isStrict));
                return report.FailsWith(isStrict) ? KooGateCli.Invalid : KooGateCli.Ok;
            }
            catch (CliInputException e)
            {
                context.Error.WriteLine($"error: {e.Message}");
                return KooGateCli.BadInput;
            }
        });
        return command;
    }

    private static Uri ParseUrl(string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
            ? uri
            : throw new CliInputException($"production-url '{value}' is not an absolute http(s) URL");

    private static string NotEmpty(string? value, string name) =>
        string.IsNullOrWhiteSpace(value) ? throw new CliInputException($"{name} must not be empty") : value;

    private static TimeSpan ParseTimeout(double seconds) =>
        seconds is > 0 and <= 120 ? TimeSpan.FromSeconds(seconds) : throw new CliInputException("--timeout must be between 0 and 120 seconds");

    private static string ReadPublicKey(string path)
    {
        string pem;
        try
        {
            pem = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new CliInputException($"cannot read --rsa-public-key '{path}': {e.Message}");
        }

        try
        {
            using var rsa = RSA.Create();
            rsa.ImportFromPem(pem);
        }
        catch (Exception e) when (e is ArgumentException or CryptographicException)
        {
            throw new CliInputException($"--rsa-public-key '{path}' holds no RSA key in PEM form: {e.Message}");
        }

        return pem;
    }

    private static void WriteReport(string? path, Action<string> write)
    {
        if (path is null)
        {
            return;
        }

        try
        {
            write(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new CliInputException($"cannot write report '{path}': {e.Message}");
        }
    }
}

using System.CommandLine;
using KooGate.Protocol;
using KooGate.Protocol.Messages;

namespace KooGate.Cli.Commands;

/// <summary><c>koogate license activate|heartbeat</c>: the license-code open APIs, v1 (one code) or v2 (batch).</summary>
internal static class LicenseCommands
{
    public static Command Create(CliContext context) => new("license", "license-code open APIs (激活授权码, 授权码心跳检测)")
    {
        ActivateCommand(context),
        HeartbeatCommand(context),
    };

    private static Argument<string[]> Codes() => new("license")
    {
        Description = "license code(s); online-license products pass their instanceId",
        Arity = ArgumentArity.OneOrMore,
    };

    private static Option<string> Api() => new("--api")
    {
        Description = "v1 (one code) or v2 (up to 100 codes); default v1 for one code, v2 for several",
    };

    private static Command ActivateCommand(CliContext context)
    {
        var codes = Codes();
        var api = Api();
        var effect = new Option<string>("--real-effect-time") { Description = "actual effective time, UTC yyyyMMddHHmmss" };
        var command = new Command("activate", Examples.Describe("activate license code(s) and print the marketplace's JSON", "koogate license activate LC-0001", "koogate license activate LC-0001 LC-0002 --api v2")) { codes, api, effect };
        return OpenApiAction.Create(context, command, async (result, session, cancellationToken) =>
        {
            var list = result.GetValue(codes)!;
            var effectTime = result.GetValue(effect);
            if (effectTime is not null && !KooTime.TryParseUtcDigits(effectTime, out _))
            {
                throw new CliInputException($"--real-effect-time '{effectTime}' must look like 20260102153555");
            }

            return UseV2(result.GetValue(api), list)
                ? OpenApiAction.Print(context, await session.Client.ActivateLicensesAsync(
                    new LicenseActivateV2Request { LicenseList = list, RealEffectTime = effectTime }, cancellationToken))
                : OpenApiAction.Print(context, await session.Client.ActivateLicenseAsync(
                    new LicenseActivateRequest { License = list[0], RealEffectTime = effectTime }, cancellationToken));
        });
    }

    private static Command HeartbeatCommand(CliContext context)
    {
        var codes = Codes();
        var api = Api();
        var account = new Option<string>("--account") { Description = "heartbeatInfo.thirdPartyAccount: the end user inside your software (v1)" };
        var ip = new Option<string>("--ip") { Description = "heartbeatInfo.ip: the customer's login IP (v1, needs --account)" };
        var command = new Command("heartbeat", Examples.Describe("report use of license code(s) and print their state", "koogate license heartbeat LC-0001 --account user-42 --ip 203.0.113.7")) { codes, api, account, ip };
        return OpenApiAction.Create(context, command, async (result, session, cancellationToken) =>
        {
            var list = result.GetValue(codes)!;
            var accountValue = result.GetValue(account);
            var ipValue = result.GetValue(ip);
            if (ipValue is not null && accountValue is null)
            {
                throw new CliInputException("--ip needs --account (heartbeatInfo.thirdPartyAccount is mandatory in heartbeatInfo)");
            }

            if (UseV2(result.GetValue(api), list))
            {
                if (accountValue is not null)
                {
                    throw new CliInputException("--account and --ip apply to the v1 heartbeat only");
                }

                return OpenApiAction.Print(context, await session.Client.HeartbeatLicensesAsync(
                    new LicenseHeartbeatV2Request { LicenseList = list }, cancellationToken));
            }

            var info = accountValue is null ? null : new HeartbeatInfo { ThirdPartyAccount = accountValue, Ip = ipValue };
            return OpenApiAction.Print(context, await session.Client.HeartbeatLicenseAsync(list[0], info, cancellationToken));
        });
    }

    private static bool UseV2(string? api, string[] codes) => api switch
    {
        null => codes.Length > 1,
        "v2" => true,
        "v1" when codes.Length == 1 => false,
        "v1" => throw new CliInputException($"the v1 API takes one license code, not {codes.Length}; use --api v2"),
        _ => throw new CliInputException($"--api '{api}' must be v1 or v2"),
    };
}

using System.CommandLine;
using KooGate.Protocol;
using KooGate.Protocol.Signing;
using static KooGate.Cli.Commands.CommonOptions;

namespace KooGate.Cli.Commands;

/// <summary><c>koogate sign v2|kit|authtoken|body|apig|usage</c>.</summary>
internal static class SignCommands
{
    public static Command Create(CliContext context) => new("sign", "compute a KooGallery signature and print it")
    {
        Timed(context, "v2", Examples.Describe("V2 basic-interface signature (hex)", "koogate sign v2 --key $KEY --nonce 5d2a0e --timestamp 1772352000000 --body-file request.json"), V2Signature.Compute),
        Timed(context, "kit", Examples.Describe("Kit V2 x-sign (hex)", "koogate sign kit --key $KIT_KEY --nonce 5d2a0e --timestamp 1772352000000 --body-file request.json --upper"), KitSignature.Compute),
        AuthTokenCommand(context),
        BodyCommand(context),
        ApigCommand(context),
        UsageCommand(context),
    };

    private static Command Timed(CliContext context, string name, string description, Func<string, string, string, ReadOnlySpan<byte>, string> compute)
    {
        var key = Key();
        var nonce = Nonce();
        var timestamp = Timestamp();
        var body = BodyFile();
        var upper = new Option<bool>("--upper") { Description = "print upper-case hex, as KooGallery sends it" };
        var command = new Command(name, description) { key, nonce, timestamp, body, upper };
        command.SetAction(KooGateCli.Guard(context, result =>
        {
            var value = compute(result.GetValue(key)!, result.GetValue(nonce)!, result.GetValue(timestamp)!, CliContext.ReadBody(result.GetValue(body)));
            context.Out.WriteLine(result.GetValue(upper) ? value.ToUpperInvariant() : value);
            return KooGateCli.Ok;
        }));
        return command;
    }

    private static Command AuthTokenCommand(CliContext context)
    {
        var key = Key();
        var parameters = Params();
        var skipBlank = SkipBlank();
        var command = new Command("authtoken", Examples.Describe("V1 authToken (Base64) over the given parameters", "koogate sign authtoken --key $KEY --param activity=newInstance --param timeStamp=20260301080000")) { key, parameters, skipBlank };
        command.SetAction(KooGateCli.Guard(context, result =>
        {
            var pairs = CliContext.ParsePairs(result.GetValue(parameters), '=', "--param");
            if (!pairs.Any(p => p.Key == AuthToken.TimeStampParameter))
            {
                throw new CliInputException("the parameters must include timeStamp (--param timeStamp=yyyyMMddHHmmssSSS)");
            }

            context.Out.WriteLine(AuthToken.Compute(result.GetValue(key)!, pairs, result.GetValue(skipBlank)));
            return KooGateCli.Ok;
        }));
        return command;
    }

    private static Command BodyCommand(CliContext context)
    {
        var key = Key();
        var body = BodyFile();
        var command = new Command("body", Examples.Describe("the full Body-Sign response header value", "koogate sign body --key $KEY --body-file response.json")) { key, body };
        command.SetAction(KooGateCli.Guard(context, result =>
        {
            context.Out.WriteLine(BodySign.HeaderValue(result.GetValue(key)!, CliContext.ReadBody(result.GetValue(body))));
            return KooGateCli.Ok;
        }));
        return command;
    }

    private static Command ApigCommand(CliContext context)
    {
        var ak = Required("--ak", "the access key (AK)");
        var sk = Required("--sk", "the secret key (SK)");
        var method = Required("--method", "the HTTP method");
        var url = Required("--url", "the absolute request URL");
        var date = Required("--date", "X-Sdk-Date, yyyyMMddTHHmmssZ (UTC)");
        var headers = new Option<string[]>("--header") { Description = "a header to sign as name:value (repeat); host and x-sdk-date are added" };
        var body = BodyFile(required: false);
        var command = new Command("apig", Examples.Describe("APIG SDK-HMAC-SHA256 Authorization header for the marketplace open APIs", "koogate sign apig --ak $AK --sk $SK --method GET --url \"https://mkt.myhuaweicloud.com/api/mkp-openapi-public/global/v1/order/query?orderId=CS2207261447AUY4H\" --date 20260301T080000Z"))
        {
            ak, sk, method, url, date, headers, body,
        };
        command.SetAction(KooGateCli.Guard(context, result =>
        {
            if (!Uri.TryCreate(result.GetValue(url), UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            {
                throw new CliInputException($"--url '{result.GetValue(url)}' is not an absolute http(s) URL");
            }

            var sdkDate = result.GetValue(date)!;
            if (!KooTime.TryParseSdkDate(sdkDate, out _))
            {
                throw new CliInputException($"--date '{sdkDate}' must look like 20240317T144237Z");
            }

            var methodName = result.GetValue(method)!;
            if (methodName.Length == 0 || !methodName.All(char.IsAsciiLetter))
            {
                throw new CliInputException($"--method '{methodName}' is not an HTTP method");
            }

            var pairs = CliContext.ParsePairs(result.GetValue(headers), ':', "--header")
                .Select(p => new KeyValuePair<string, string>(p.Key.Trim(), p.Value!.Trim()));
            var signature = ApigSigner.Sign(result.GetValue(ak)!, result.GetValue(sk)!, methodName, uri, sdkDate, pairs, CliContext.ReadBody(result.GetValue(body)));
            context.Out.WriteLine(signature.Authorization);
            return KooGateCli.Ok;
        }));
        return command;
    }

    private static Command UsageCommand(CliContext context)
    {
        var key = Key();
        var ts = Required("--ts", "the ts header (Unix epoch milliseconds)");
        var nonce = Nonce();
        var body = BodyFile();
        var command = new Command("usage", Examples.Describe("usage-data push signature header (Base64)", "koogate sign usage --key $KEY --ts 1772352000000 --nonce 4f1c2a --body-file usage.json")) { key, ts, nonce, body };
        command.SetAction(KooGateCli.Guard(context, result =>
        {
            var text = System.Text.Encoding.UTF8.GetString(CliContext.ReadBody(result.GetValue(body)));
            context.Out.WriteLine(UsagePushSignature.Compute(result.GetValue(key)!, result.GetValue(ts)!, result.GetValue(nonce)!, text));
            return KooGateCli.Ok;
        }));
        return command;
    }
}

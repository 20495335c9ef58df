using System.CommandLine;
using KooGate.Protocol.Signing;
using static KooGate.Cli.Commands.CommonOptions;

namespace KooGate.Cli.Commands;

/// <summary><c>koogate verify v2|kit|authtoken|body</c>: exit 0 when valid, 1 when invalid.</summary>
internal static class VerifyCommands
{
    private delegate SignatureCheck TimedVerifier(
        IReadOnlyList<string> keys, string? signature, string? timestamp, string? nonce, ReadOnlySpan<byte> body, DateTimeOffset now, TimeSpan window);

    public static Command Create(CliContext context) => new("verify", "check a KooGallery signature (exit 0 valid, 1 invalid)")
    {
        Timed(context, "v2", Examples.Describe("V2 basic-interface signature", "koogate verify v2 --key $KEY --nonce 5d2a0e --timestamp 1772352000000 --body-file request.json --signature $SIGNATURE"), V2Signature.Verify),
        Timed(context, "kit", Examples.Describe("Kit V2 x-sign", "koogate verify kit --key $KIT_KEY --nonce 5d2a0e --timestamp 1772352000000 --body-file request.json --signature $X_SIGN --window-seconds 300"), KitSignature.Verify),
        AuthTokenCommand(context),
        BodyCommand(context),
    };

    private static int Report(CliContext context, bool valid, string reason)
    {
        context.Out.WriteLine(valid ? "valid" : $"invalid: {reason}");
        return valid ? KooGateCli.Ok : KooGateCli.Invalid;
    }

    private static Command Timed(CliContext context, string name, string description, TimedVerifier verify)
    {
        var key = Key();
        var nonce = Nonce();
        var timestamp = Timestamp();
        var body = BodyFile();
        var signature = Required("--signature", "the signature to check (hex, either case)");
        var window = new Option<int>("--window-seconds") { Description = "allowed clock skew either side of now", DefaultValueFactory = _ => 60 };
        var command = new Command(name, description) { key, nonce, timestamp, body, signature, window };
        command.SetAction(KooGateCli.Guard(context, result =>
        {
            if (result.GetValue(window) < 0)
            {
                throw new CliInputException("--window-seconds must not be negative");
            }

            var check = verify([result.GetValue(key)!], result.GetValue(signature), result.GetValue(timestamp), result.GetValue(nonce),
                CliContext.ReadBody(result.GetValue(body)), context.Time.GetUtcNow(), TimeSpan.FromSeconds(result.GetValue(window)));
            return Report(context, check.IsValid, check.Reason);
        }));
        return command;
    }

    private static Command AuthTokenCommand(CliContext context)
    {
        var key = Key();
        var parameters = Params();
        var token = Required("--token", "the authToken to check");
        var skipBlank = SkipBlank();
        var command = new Command("authtoken", Examples.Describe("V1 authToken over the given parameters", "koogate verify authtoken --key $KEY --param activity=newInstance --param timeStamp=20260301080000 --token \"$TOKEN\"")) { key, parameters, token, skipBlank };
        command.SetAction(KooGateCli.Guard(context, result =>
        {
            var pairs = CliContext.ParsePairs(result.GetValue(parameters), '=', "--param");
            if (!pairs.Any(p => p.Key == AuthToken.TimeStampParameter))
            {
                throw new CliInputException("the parameters must include timeStamp (--param timeStamp=yyyyMMddHHmmssSSS)");
            }

            pairs.RemoveAll(p => p.Key == AuthToken.ParameterName);
            pairs.Add(new(AuthToken.ParameterName, result.GetValue(token)));
            var check = AuthToken.VerifyParameters([result.GetValue(key)!], pairs, result.GetValue(skipBlank));
            return Report(context, check.IsValid, check.Reason);
        }));
        return command;
    }

    private static Command BodyCommand(CliContext context)
    {
        var key = Key();
        var body = BodyFile();
        var header = Required("--header", "the Body-Sign header value, or the whole line 'Body-Sign: …' (the name is case-sensitive)");
        var command = new Command("body", Examples.Describe("a Body-Sign response header against the exact body", "koogate verify body --key $KEY --body-file response.json --header \"sign_type=\\\"HMAC-SHA256\\\", signature=\\\"…\\\"\"")) { key, body, header };
        command.SetAction(KooGateCli.Guard(context, result =>
        {
            var (name, value) = BodySign.SplitHeaderLine(result.GetValue(header)!);
            var valid = BodySign.Verify(result.GetValue(key)!, value, CliContext.ReadBody(result.GetValue(body)), name);
            var reason = name is not null && name != BodySign.HeaderName
                ? $"header name must be exactly '{BodySign.HeaderName}', got '{name}'"
                : BodySign.TryParse(value, out _) ? "signature does not match the body" : "header value is not sign_type=\"HMAC-SHA256\", signature=\"…\"";
            return Report(context, valid, reason);
        }));
        return command;
    }
}

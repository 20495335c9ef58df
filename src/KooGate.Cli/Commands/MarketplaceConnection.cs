using System.CommandLine;
using KooGate.Protocol.OpenApi;
using KooGate.Protocol.Signing;

namespace KooGate.Cli.Commands;

/// <summary>
/// <c>--base-url</c>, <c>--ak</c>, <c>--sk</c>, <c>--timeout</c> of the open-API commands, with environment fallbacks
/// (<c>KOOGATE_MARKETPLACE_BASE_URL</c>, <c>_AK</c>, <c>_SK</c>); created fresh for each command.
/// </summary>
internal sealed class MarketplaceConnection
{
    public const string BaseUrlVariable = "KOOGATE_MARKETPLACE_BASE_URL";
    public const string AkVariable = "KOOGATE_MARKETPLACE_AK";
    public const string SkVariable = "KOOGATE_MARKETPLACE_SK";

    private readonly Option<string> _baseUrl = new("--base-url")
    {
        Description = $"marketplace base URL, path prefix allowed (or {BaseUrlVariable}; default {MarketplaceSites.China})",
    };

    private readonly Option<string> _ak = new("--ak") { Description = $"access key AK of 我的凭证 (or {AkVariable})" };
    private readonly Option<string> _sk = new("--sk") { Description = $"secret key SK (or {SkVariable}; prefer the variable, arguments show in ps)" };

    private readonly Option<int> _timeout = new("--timeout")
    {
        Description = "seconds to wait for the marketplace",
        DefaultValueFactory = _ => 30,
    };

    public Command AddTo(Command command)
    {
        command.Options.Add(_baseUrl);
        command.Options.Add(_ak);
        command.Options.Add(_sk);
        command.Options.Add(_timeout);
        return command;
    }

    public MarketplaceSession Connect(ParseResult result, CliContext context)
    {
        var baseUrl = result.GetValue(_baseUrl) ?? context.GetEnvironment(BaseUrlVariable) ?? MarketplaceSites.China.AbsoluteUri;
        if (!Uri.TryCreate(baseUrl, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
        {
            throw new CliInputException($"--base-url '{baseUrl}' is not an absolute http(s) URL");
        }

        var ak = Credential(result, context, _ak, AkVariable);
        var sk = Credential(result, context, _sk, SkVariable);
        var timeout = result.GetValue(_timeout);
        if (timeout is < 1 or > 600)
        {
            throw new CliInputException("--timeout must be between 1 and 600 seconds");
        }

        var http = new HttpClient { BaseAddress = uri, Timeout = TimeSpan.FromSeconds(timeout) };
        return new MarketplaceSession(http, new ApigCredentials(ak, sk), context.Time);
    }

    private static string Credential(ParseResult result, CliContext context, Option<string> option, string variable)
    {
        var value = result.GetValue(option);
        if (string.IsNullOrEmpty(value))
        {
            value = context.GetEnvironment(variable);
        }

        return string.IsNullOrEmpty(value) ? throw new CliInputException($"{option.Name} is required (or set {variable})") : value;
    }
}

/// <summary>What an open-API command needs to build its <see cref="MarketplaceClient"/>; owns the HttpClient.</summary>
internal sealed record MarketplaceSession(HttpClient Http, ApigCredentials Credentials, TimeProvider Time) : IDisposable
{
    public MarketplaceClient Client => new(Http, Credentials, Time);

    public void Dispose() => Http.Dispose();
}

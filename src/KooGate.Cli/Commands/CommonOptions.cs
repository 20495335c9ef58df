using System.CommandLine;

namespace KooGate.Cli.Commands;

/// <summary>Options shared by the sign and verify commands, created fresh for each command.</summary>
internal static class CommonOptions
{
    public static Option<string> Required(string name, string description) =>
        new(name) { Description = description, Required = true };

    public static Option<string> Key() => Required("--key", "the key (accessKey of the interface type, or the V1 Key)");

    public static Option<string> Nonce() => Required("--nonce", "the nonce sent with the request");

    public static Option<string> Timestamp() => Required("--timestamp", "the timestamp sent with the request (Unix epoch milliseconds)");

    public static Option<string> BodyFile(bool required = true) =>
        new("--body-file") { Description = "file holding the exact body bytes ('-' for stdin)", Required = required };

    public static Option<string[]> Params() => new("--param")
    {
        Description = "a request parameter as name=value (repeat; must include timeStamp)",
        Required = true,
        AllowMultipleArgumentsPerToken = false,
    };

    public static Option<bool> SkipBlank() => new("--skip-blank")
    {
        Description = "leave out blank values, as the V1 Kit authToken header variant does",
    };
}

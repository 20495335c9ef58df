namespace KooGate.Cli.Commands;

/// <summary>Appends usage examples to a command's description, so <c>--help</c> shows them under it.</summary>
internal static class Examples
{
    public static string Describe(string description, params string[] examples) =>
        examples.Length == 0 ? description : $"{description}\n\nExamples:\n{string.Join('\n', examples.Select(e => "  " + e))}";
}

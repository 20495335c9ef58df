namespace KooGate.Cli;

/// <summary>
/// Where a command writes, which clock and environment it reads; injected so tests can run commands in process.
/// </summary>
internal sealed record CliContext(TextWriter Out, TextWriter Error, TimeProvider Time, Func<string, string?>? Environment = null)
{
    public string? GetEnvironment(string name) => (Environment ?? System.Environment.GetEnvironmentVariable)(name);

    public static byte[] ReadBody(string? path)
    {
        if (path is null)
        {
            return [];
        }

        if (path == "-")
        {
            using var stdin = Console.OpenStandardInput();
            using var buffer = new MemoryStream();
            stdin.CopyTo(buffer);
            return buffer.ToArray();
        }

        try
        {
            return File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new CliInputException($"cannot read body file '{path}': {e.Message}");
        }
    }

    /// <summary>Parses repeated <c>name=value</c> options (the value may itself contain '=').</summary>
    public static List<KeyValuePair<string, string?>> ParsePairs(IEnumerable<string>? items, char separator, string optionName)
    {
        var pairs = new List<KeyValuePair<string, string?>>();
        foreach (var item in items ?? [])
        {
            var at = item.IndexOf(separator, StringComparison.Ordinal);
            if (at <= 0)
            {
                throw new CliInputException($"{optionName} '{item}' must look like name{separator}value");
            }

            pairs.Add(new(item[..at], item[(at + 1)..]));
        }

        return pairs;
    }
}

namespace KooGate.Bench;

/// <summary><c>--name value</c> pairs.</summary>
internal sealed class Options(Dictionary<string, string> values)
{
    public static Options Parse(IReadOnlyList<string> args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i + 1 < args.Count; i += 2)
        {
            values[args[i].TrimStart('-')] = args[i + 1];
        }

        return new Options(values);
    }

    public string Text(string name) =>
        values.TryGetValue(name, out var value) ? value : throw new ArgumentException($"--{name} is required");

    public int Number(string name) => int.Parse(Text(name), System.Globalization.CultureInfo.InvariantCulture);

    public int Number(string name, int fallback) => values.ContainsKey(name) ? Number(name) : fallback;
}

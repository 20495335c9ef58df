using Microsoft.Extensions.Configuration;

namespace KooGate.Server.Configuration;

/// <summary>
/// The accessKeys per interface type. Each holds the current key and, during rotation, a previous one:
/// <c>KooGate__Keys__Basic=current,previous</c> or <c>KooGate__Keys__Basic__0</c>/<c>__1</c>.
/// </summary>
public sealed class InterfaceKeys
{
    private readonly Dictionary<InterfaceType, IReadOnlyList<string>> _keys;

    public InterfaceKeys(IReadOnlyDictionary<InterfaceType, IReadOnlyList<string>> keys) =>
        _keys = keys.ToDictionary(k => k.Key, k => k.Value);

    public IReadOnlyList<string> For(InterfaceType type) => _keys.TryGetValue(type, out var keys) ? keys : [];

    public bool IsEmpty => _keys.Values.All(k => k.Count == 0);

    public static InterfaceKeys FromConfiguration(IConfiguration configuration)
    {
        var section = configuration.GetSection($"{KooGateOptions.Section}:Keys");
        var keys = new Dictionary<InterfaceType, IReadOnlyList<string>>();
        foreach (var type in Enum.GetValues<InterfaceType>())
        {
            var entry = section.GetSection(type.ToString());
            var values = !string.IsNullOrEmpty(entry.Value)
                ? entry.Value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                : entry.GetChildren().Select(c => c.Value?.Trim()).Where(v => !string.IsNullOrEmpty(v)).Cast<string>().ToArray();
            keys[type] = values;
        }

        return new InterfaceKeys(keys);
    }
}

namespace KooGate.Protocol.Messages;

/// <summary>The comma-separated <c>instanceId</c> of <c>queryInstance</c> (saas-v2.md §3.2; V1 sends the comma as %2C).</summary>
public static class InstanceIdList
{
    public const int MaxIds = 100;
    public const int MaxIdLength = 64;

    public static IReadOnlyList<string> Split(string? value) =>
        string.IsNullOrEmpty(value)
            ? []
            : value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);

    public static string Join(IEnumerable<string> instanceIds) => string.Join(',', instanceIds);
}

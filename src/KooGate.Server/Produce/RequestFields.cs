using System.Text.Json;

namespace KooGate.Server.Produce;

/// <summary>A field that failed validation; answered as <c>000002</c> naming the field.</summary>
public sealed class FieldException(string field, string problem) : Exception($"{field} {problem}")
{
    public string Field { get; } = field;
}

/// <summary>
/// Reads the top-level fields of a verified JSON body with the spec's mandatory/max-length/enum rules. V2 basic
/// values are strings; Kit numbers are integers (both are accepted either way).
/// </summary>
public sealed class RequestFields(JsonElement root)
{
    public JsonElement Root { get; } = root;

    public string Required(string name, int maxLength) =>
        Optional(name, maxLength) is { Length: > 0 } value ? value : throw new FieldException(name, "is missing");

    /// <summary>Mandatory but may be empty (Kit instanceId/orderId on credential application).</summary>
    public string RequiredAllowEmpty(string name, int maxLength)
    {
        if (!Root.TryGetProperty(name, out _))
        {
            throw new FieldException(name, "is missing");
        }

        return Optional(name, maxLength) ?? string.Empty;
    }

    public string? Optional(string name, int maxLength)
    {
        if (!Root.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        var text = value.ValueKind switch
        {
            JsonValueKind.String => value.GetString()!,
            JsonValueKind.Number => value.GetRawText(),
            _ => throw new FieldException(name, "must be a string"),
        };
        return text.Length > maxLength ? throw new FieldException(name, $"is longer than {maxLength} characters") : text;
    }

    public string RequiredOneOf(string name, int maxLength, params string[] allowed)
    {
        var value = Required(name, maxLength);
        return allowed.Contains(value, StringComparer.Ordinal)
            ? value
            : throw new FieldException(name, $"must be one of {string.Join(", ", allowed)}");
    }

    public int RequiredInt(string name, params int[] allowed)
    {
        if (!Root.TryGetProperty(name, out var value))
        {
            throw new FieldException(name, "is missing");
        }

        var parsed = value.ValueKind switch
        {
            JsonValueKind.Number when value.TryGetInt32(out var n) => n,
            JsonValueKind.String when int.TryParse(value.GetString(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) => n,
            _ => throw new FieldException(name, "must be an integer"),
        };
        return allowed.Length == 0 || allowed.Contains(parsed) ? parsed : throw new FieldException(name, $"must be one of {string.Join(", ", allowed)}");
    }

    /// <summary><c>testFlag</c>: "1"/1 is a debug call; absent, "0" or 0 is real.</summary>
    public bool IsTest() => Optional("testFlag", 2) is "1";
}

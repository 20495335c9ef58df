using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using KooGate.Protocol.Messages;

namespace KooGate.Conformance.Wire;

/// <summary>
/// Reads a production-interface reply through its <c>KooGate.Protocol</c> record, the one the server writes with and
/// the emulator reads with. The records read as leniently as the spec lets a seller answer: members in any order,
/// unknown members ignored, optional members absent or null, a String also from a number or <c>true</c>/<c>false</c>
/// (its text), a Double also from a string holding one. A member of a JSON type its spec type cannot be read from is
/// reported by its wire path and that type.
/// </summary>
internal static class ReplyReader
{
    private const int MaxQuoted = 40;

    public static bool TryRead<TResponse>(byte[] body, [NotNullWhen(true)] out TResponse? reply, [NotNullWhen(false)] out string? problem)
        where TResponse : class, IProduceResponse
    {
        try
        {
            reply = KooJson.Deserialize<TResponse>(body);
            problem = reply is null ? "the body is JSON null" : null;
            return reply is not null;
        }
        catch (JsonException e)
        {
            reply = null;
            problem = Describe(e.Path, body, KooJson.TypeInfo<TResponse>());
            return false;
        }
    }

    /// <summary><c>info[0].usageInfo[0].usageValue is a JSON object, but the spec's type is Double …</c></summary>
    private static string Describe(string? path, byte[] body, JsonTypeInfo root)
    {
        var segments = Segments(path);
        if (segments.Count == 0)
        {
            return "the body is not a JSON object";
        }

        var field = string.Concat(segments.Select((s, i) => s.Index is { } index ? $"[{index}]" : i == 0 ? s.Name : "." + s.Name));
        var expected = Expected(segments, root);
        var got = Got(segments, body);
        return expected is null
            ? $"{field} is {got}, which its reply record cannot read"
            : $"{field} is {got}, but the spec's type is {expected}";
    }

    private sealed record Segment(string? Name, int? Index);

    /// <summary>The wire path of a <see cref="JsonException.Path"/> such as <c>$.info[0].appInfo</c> or <c>$['odd name']</c>.</summary>
    private static List<Segment> Segments(string? path)
    {
        var segments = new List<Segment>();
        if (path is null || !path.StartsWith('$'))
        {
            return segments;
        }

        var i = 1;
        while (i < path.Length)
        {
            if (path[i] == '.')
            {
                var end = path.IndexOfAny(['.', '['], i + 1);
                end = end < 0 ? path.Length : end;
                segments.Add(new Segment(path[(i + 1)..end], null));
                i = end;
            }
            else if (path.AsSpan(i).StartsWith("['"))
            {
                var end = path.IndexOf("']", i + 2, StringComparison.Ordinal);
                end = end < 0 ? path.Length : end;
                segments.Add(new Segment(path[(i + 2)..end], null));
                i = end + 2;
            }
            else if (path[i] == '[')
            {
                var end = path.IndexOf(']', i);
                end = end < 0 ? path.Length : end;
                segments.Add(int.TryParse(path.AsSpan(i + 1, end - i - 1), out var index) ? new Segment(null, index) : new Segment(path[(i + 1)..end], null));
                i = end + 1;
            }
            else
            {
                break;
            }
        }

        return segments;
    }

    /// <summary>The spec type of the member at the path, from the record's serialisation metadata.</summary>
    private static string? Expected(List<Segment> segments, JsonTypeInfo root)
    {
        Type? type = root.Type;
        foreach (var segment in segments)
        {
            var info = type is null ? null : root.Options.GetTypeInfo(type);
            type = segment.Index is not null
                ? info?.ElementType
                : info?.Properties.FirstOrDefault(p => p.Name == segment.Name)?.PropertyType;
        }

        type = type is null ? null : Nullable.GetUnderlyingType(type) ?? type;
        return type switch
        {
            null => null,
            _ when type == typeof(string) => "String (a number or true/false is read as its text)",
            _ when type == typeof(decimal) => "Double (a number, or a string holding one)",
            _ when type == typeof(int) => "Integer (a number, or a string holding one)",
            _ when root.Options.GetTypeInfo(type).Kind == JsonTypeInfoKind.Enumerable => "an array",
            _ when root.Options.GetTypeInfo(type).Kind == JsonTypeInfoKind.Object => "an object",
            _ => type.Name,
        };
    }

    /// <summary>What the body holds at the path: <c>a JSON object</c>, <c>the string "abc"</c>.</summary>
    private static string Got(List<Segment> segments, byte[] body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            var element = document.RootElement;
            foreach (var segment in segments)
            {
                if (segment.Index is { } index && element.ValueKind == JsonValueKind.Array && index < element.GetArrayLength())
                {
                    element = element[index];
                }
                else if (segment.Name is { } name && element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var member))
                {
                    element = member;
                }
                else
                {
                    return "not readable";
                }
            }

            return element.ValueKind switch
            {
                JsonValueKind.Object => "a JSON object",
                JsonValueKind.Array => "a JSON array",
                JsonValueKind.String => $"the string {Quote(element.GetRawText())}",
                JsonValueKind.Number => $"the number {Quote(element.GetRawText())}",
                JsonValueKind.Null => "null",
                _ => element.GetRawText(),
            };
        }
        catch (JsonException)
        {
            return "not valid JSON";
        }
    }

    private static string Quote(string raw) => raw.Length <= MaxQuoted ? raw : raw[..MaxQuoted] + "…";
}

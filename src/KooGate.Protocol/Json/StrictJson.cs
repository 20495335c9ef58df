using System.Text.Json;

namespace KooGate.Protocol.Json;

/// <summary>
/// What a signature check must know about a JSON body before it trusts it (README decision 13): whether one object
/// holds the same key twice — compared after unescaping, so <c>"t\u0065stFlag"</c> repeats <c>"testFlag"</c> — and
/// whether a string cannot be decoded (invalid UTF-8, a lone surrogate escape such as <c>\uD800</c>). A parser keeps
/// one of two repeated values and a signature scheme may cover the other, so a repeated key is refused, never merged.
/// </summary>
public static class StrictJson
{
    private static readonly JsonReaderOptions ReaderOptions = new()
    {
        AllowTrailingCommas = true,
        CommentHandling = JsonCommentHandling.Skip,
        MaxDepth = 64,
    };

    /// <summary>The first repeated key at any depth, or null when there is none (or the text is not JSON).</summary>
    public static string? FindDuplicateKey(ReadOnlySpan<byte> json) => Inspect(json).DuplicateKey;

    /// <summary>One pass over the text: the first repeated key and whether any string or key cannot be decoded.</summary>
    public static JsonInspection Inspect(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json, ReaderOptions);
        var scopes = new Stack<HashSet<string>?>();
        var undecodable = false;
        try
        {
            while (reader.Read())
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.StartObject:
                        scopes.Push(new HashSet<string>(StringComparer.Ordinal));
                        break;
                    case JsonTokenType.StartArray:
                        scopes.Push(null);
                        break;
                    case JsonTokenType.EndObject or JsonTokenType.EndArray:
                        scopes.Pop();
                        break;
                    case JsonTokenType.PropertyName:
                        var name = Decode(ref reader, ref undecodable);
                        if (scopes.Peek() is { } names && !names.Add(name))
                        {
                            return new JsonInspection(name, undecodable, IsJson: true);
                        }

                        break;
                    case JsonTokenType.String:
                        Decode(ref reader, ref undecodable);
                        break;
                }
            }
        }
        catch (JsonException)
        {
            return new JsonInspection(null, undecodable, IsJson: false);
        }

        return new JsonInspection(null, undecodable, IsJson: true);
    }

    /// <summary>
    /// The decoded text; an undecodable one is identified by its raw bytes instead, so two identical undecodable keys
    /// still count as a repetition.
    /// </summary>
    private static string Decode(ref Utf8JsonReader reader, ref bool undecodable)
    {
        try
        {
            return reader.GetString()!;
        }
        catch (InvalidOperationException)
        {
            undecodable = true;
            var raw = reader.HasValueSequence ? System.Buffers.BuffersExtensions.ToArray(reader.ValueSequence) : reader.ValueSpan.ToArray();
            return "\uFFFF" + Convert.ToHexString(raw);
        }
    }
}

/// <param name="DuplicateKey">The first key found twice in one object, or null.</param>
/// <param name="HasUndecodableText">A string or key holds invalid UTF-8 or a lone surrogate escape.</param>
/// <param name="IsJson">The whole text is well-formed JSON (trailing commas and comments tolerated).</param>
public readonly record struct JsonInspection(string? DuplicateKey, bool HasUndecodableText, bool IsJson);

using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using KooGate.Protocol.Messages;

namespace KooGate.Protocol.Validation;

/// <summary>
/// Turns an untrusted JSON body into a validated message or a <see cref="FieldError"/> (answer it with
/// <see cref="FieldError.ToResultCode"/>); never throws on malformed input. Run it after the signature check, which
/// works on the raw bytes.
/// </summary>
public static class ProduceRequestParser
{
    private static readonly JsonDocumentOptions DocumentOptions = new()
    {
        AllowTrailingCommas = true,
        CommentHandling = JsonCommentHandling.Skip,
        MaxDepth = 64,
    };

    public static bool TryParse<T>(ReadOnlySpan<byte> body, [NotNullWhen(true)] out T? message, [NotNullWhen(false)] out FieldError? error)
        where T : class =>
        TryParse(body, KooJson.TypeInfo<T>(), out message, out error);

    public static bool TryParse<T>(
        ReadOnlySpan<byte> body, JsonTypeInfo<T> typeInfo, [NotNullWhen(true)] out T? message, [NotNullWhen(false)] out FieldError? error)
        where T : class
    {
        message = null;
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body.ToArray(), DocumentOptions);
        }
        catch (Exception e) when (e is JsonException or ArgumentException)
        {
            error = FieldError.Body("is not valid JSON");
            return false;
        }

        using (document)
        {
            return TryParse(document.RootElement, typeInfo, out message, out error);
        }
    }

    /// <summary>For a body already parsed (for example to read <c>activity</c> before choosing the type).</summary>
    public static bool TryParse<T>(JsonElement root, [NotNullWhen(true)] out T? message, [NotNullWhen(false)] out FieldError? error)
        where T : class =>
        TryParse(root, KooJson.TypeInfo<T>(), out message, out error);

    public static bool TryParse<T>(
        JsonElement root, JsonTypeInfo<T> typeInfo, [NotNullWhen(true)] out T? message, [NotNullWhen(false)] out FieldError? error)
        where T : class
    {
        message = null;
        if (root.ValueKind != JsonValueKind.Object)
        {
            error = FieldError.Body("must be a JSON object");
            return false;
        }

        try
        {
            message = JsonSerializer.Deserialize(Normalize(root), typeInfo);
            error = message is null ? FieldError.Body("must be a JSON object") : MessageValidator.Validate(message);
        }
        catch (DuplicateKeyException e)
        {
            error = new FieldError(e.Name, "appears more than once");
        }
        catch (JsonException e)
        {
            error = new FieldError(FieldFromPath(e.Path), "has an invalid value or type");
        }
        catch (Exception e) when (e is InvalidOperationException or NotSupportedException or ArgumentException
                                      or FormatException or OverflowException)
        {
            // Invalid UTF-8 inside a string surfaces here when the string is first decoded.
            error = FieldError.Body("could not be read");
        }

        if (error is not null)
        {
            message = null;
            return false;
        }

        return message is not null;
    }

    /// <summary>Reads the <c>activity</c> that selects the message type, when present and a string.</summary>
    public static bool TryGetActivity(JsonElement root, [NotNullWhen(true)] out string? activity)
    {
        activity = root.ValueKind == JsonValueKind.Object
            && root.TryGetProperty("activity", out var value)
            && value.ValueKind == JsonValueKind.String
                ? value.GetString()
                : null;
        return !string.IsNullOrEmpty(activity);
    }

    /// <summary>
    /// The object as plain JSON: comments and trailing commas (tolerated by the parse) dropped. A repeated top-level
    /// key is refused, never merged (README decision 13: a signature may cover the other value). The V1 singleOrgSync
    /// doc example has both a repeated key and a trailing comma (saas-v1-and-joint.md §5.4).
    /// </summary>
    private static byte[] Normalize(JsonElement root)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            foreach (var property in root.EnumerateObject())
            {
                if (!names.Add(property.Name))
                {
                    throw new DuplicateKeyException(property.Name);
                }

                property.WriteTo(writer);
            }

            writer.WriteEndObject();
        }

        return buffer.ToArray();
    }

    private sealed class DuplicateKeyException(string name) : Exception($"{name} appears more than once")
    {
        public string Name { get; } = name;
    }

    /// <summary><c>$.userList</c> → <c>userList</c>, <c>$.info[0].appInfo</c> → <c>info[0].appInfo</c>.</summary>
    internal static string FieldFromPath(string? path) => path switch
    {
        null or "" or "$" => FieldError.BodyField,
        _ when path.StartsWith("$.", StringComparison.Ordinal) => path[2..],
        _ when path.StartsWith('$') => path[1..],
        _ => path,
    };
}

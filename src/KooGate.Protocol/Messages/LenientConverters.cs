using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace KooGate.Protocol.Messages;

/// <summary>
/// V2 basic bodies send every value as a string while Kit bodies send <c>flag</c>/<c>testFlag</c> as integers, and the
/// older doc copies disagree on both (saas-v1-and-joint.md intro); strings therefore also accept numbers and booleans.
/// Writing is unchanged.
/// </summary>
internal sealed class LenientStringConverter : JsonConverter<string>
{
    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType switch
        {
            JsonTokenType.String => reader.GetString(),
            JsonTokenType.Number => Encoding.UTF8.GetString(reader.HasValueSequence ? reader.ValueSequence.ToArray() : reader.ValueSpan),
            JsonTokenType.True => "true",
            JsonTokenType.False => "false",
            _ => throw new JsonException(),
        };

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value);

    public override string ReadAsPropertyName(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.GetString() ?? throw new JsonException();

    public override void WriteAsPropertyName(Utf8JsonWriter writer, string value, JsonSerializerOptions options) =>
        writer.WritePropertyName(value);
}

/// <summary>Kit integers (<c>flag</c>, <c>testFlag</c>, <c>employeeType</c>) may also arrive as digit strings.</summary>
internal sealed class LenientInt32Converter : JsonConverter<int>
{
    public override int Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out var number))
        {
            return number;
        }

        if (reader.TokenType == JsonTokenType.String
            && int.TryParse(reader.GetString(), NumberStyles.AllowLeadingSign | NumberStyles.AllowLeadingWhite | NumberStyles.AllowTrailingWhite,
                CultureInfo.InvariantCulture, out number))
        {
            return number;
        }

        throw new JsonException();
    }

    public override void Write(Utf8JsonWriter writer, int value, JsonSerializerOptions options) =>
        writer.WriteNumberValue(value);
}

/// <summary>Amounts (<c>usageValue</c>, <c>linearValue</c>, <c>amount</c>) may also arrive as strings.</summary>
internal sealed class LenientDecimalConverter : JsonConverter<decimal>
{
    public override decimal Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.Number && reader.TryGetDecimal(out var number))
        {
            return number;
        }

        if (reader.TokenType == JsonTokenType.String
            && decimal.TryParse(reader.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out number))
        {
            return number;
        }

        throw new JsonException();
    }

    public override void Write(Utf8JsonWriter writer, decimal value, JsonSerializerOptions options) =>
        writer.WriteNumberValue(value);
}

/// <summary>
/// A list the docs show both as a JSON array and as a string holding the array (V1 <c>userList</c>, the V2
/// <c>orgInfoList</c> example; README decision 9). Reads either; writes an array.
/// </summary>
internal sealed class JsonArrayOrStringConverter<T> : JsonConverter<IReadOnlyList<T>>
{
    public override IReadOnlyList<T>? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        EmbeddedJson.ReadArray(ref reader, ElementsTypeInfo(options));

    public override void Write(Utf8JsonWriter writer, IReadOnlyList<T> value, JsonSerializerOptions options) =>
        JsonSerializer.Serialize(writer, value as T[] ?? [.. value], ElementsTypeInfo(options));

    internal static JsonTypeInfo<T[]> ElementsTypeInfo(JsonSerializerOptions options) =>
        (JsonTypeInfo<T[]>)options.GetTypeInfo(typeof(T[]));
}

/// <summary>As <see cref="JsonArrayOrStringConverter{T}"/> but writes the V1 form: a string holding the array.</summary>
internal sealed class JsonStringOfArrayConverter<T> : JsonConverter<IReadOnlyList<T>>
{
    public override IReadOnlyList<T>? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        EmbeddedJson.ReadArray(ref reader, JsonArrayOrStringConverter<T>.ElementsTypeInfo(options));

    public override void Write(Utf8JsonWriter writer, IReadOnlyList<T> value, JsonSerializerOptions options) =>
        writer.WriteStringValue(JsonSerializer.Serialize(value as T[] ?? [.. value], JsonArrayOrStringConverter<T>.ElementsTypeInfo(options)));
}

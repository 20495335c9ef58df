using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using FsCheck;
using FsCheck.Fluent;

namespace KooGate.Protocol.Tests.Properties;

/// <summary>An accessKey-like secret: 1 to 40 ASCII letters and digits.</summary>
public sealed record Key(string Value)
{
    public override string ToString() => Value;
}

/// <summary>A JSON object body as a marketplace could send it (random keys and values, nested now and then).</summary>
public sealed record JsonBody(byte[] Bytes)
{
    public string Text => Encoding.UTF8.GetString(Bytes);

    public override string ToString() => Text;
}

/// <summary>One byte of a body changed: the byte at <c>Position % length</c> XOR-ed with <c>Mask</c> (never 0).</summary>
public sealed record Mutation(int Position, byte Mask)
{
    public byte[] ApplyTo(byte[] body)
    {
        var copy = body.ToArray();
        copy[Position % copy.Length] ^= Mask;
        return copy;
    }
}

/// <summary>Generators for the protocol properties (FsCheck.Xunit: <c>Arbitrary = [typeof(Inputs)]</c>).</summary>
public static class Inputs
{
    private const string Alphanumerics = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    private static readonly string[] FieldNames =
        ["activity", "orderId", "orderLineId", "businessId", "instanceId", "testFlag", "expireTime", "userList", "中文", "a b", ""];

    public static Arbitrary<Key> Keys() =>
        Gen.Choose(1, 40).SelectMany(n => Gen.Elements(Alphanumerics.ToCharArray()).ArrayOf(n))
            .Select(chars => new Key(new string(chars))).ToArbitrary();

    public static Arbitrary<JsonBody> JsonBodies() => JsonObject(2)
        .Select(o => new JsonBody(Encoding.UTF8.GetBytes(o.ToJsonString(new JsonSerializerOptions
        {
            Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        })))).ToArbitrary();

    public static Arbitrary<Mutation> Mutations() =>
        Gen.Choose(0, int.MaxValue).SelectMany(p => Gen.Choose(1, 255).Select(m => new Mutation(p, (byte)m))).ToArbitrary();

    /// <summary>Text that UTF-8 can carry (no lone surrogates), as any real JSON body's strings are.</summary>
    public static bool IsWellFormed(string? text)
    {
        if (text is null)
        {
            return false;
        }

        try
        {
            _ = new UTF8Encoding(false, throwOnInvalidBytes: true).GetByteCount(text);
            return true;
        }
        catch (EncoderFallbackException)
        {
            return false;
        }
    }

    private static Gen<JsonObject> JsonObject(int depth) =>
        Gen.Choose(0, 6).SelectMany(count => Gen.Elements(FieldNames).ArrayOf(count).SelectMany(names =>
            JsonValue(depth).ArrayOf(count).Select(values =>
            {
                var obj = new JsonObject();
                for (var i = 0; i < count; i++)
                {
                    obj[names[i]] = values[i];
                }

                return obj;
            })));

    private static Gen<JsonNode?> JsonValue(int depth)
    {
        var text = ArbMap.Default.GeneratorFor<string>().Where(IsWellFormed).Select(s => (JsonNode?)System.Text.Json.Nodes.JsonValue.Create(s));
        var leaves = new[]
        {
            text,
            Gen.Choose(int.MinValue, int.MaxValue).Select(n => (JsonNode?)System.Text.Json.Nodes.JsonValue.Create(n)),
            Gen.Elements(true, false).Select(b => (JsonNode?)System.Text.Json.Nodes.JsonValue.Create(b)),
            Gen.Constant<JsonNode?>(null),
        };
        return depth == 0
            ? Gen.OneOf(leaves)
            : Gen.OneOf(leaves.Append(JsonObject(depth - 1).Select(o => (JsonNode?)o)).ToArray());
    }
}

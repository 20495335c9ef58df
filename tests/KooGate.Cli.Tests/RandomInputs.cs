using System.Text;
using System.Text.Json.Nodes;

namespace KooGate.Cli.Tests;

/// <summary>Arbitrary but reproducible inputs: keys, non-ASCII text, nested JSON bodies, empty bodies.</summary>
internal sealed class RandomInputs(int seed)
{
    private const string Alnum = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static readonly string[] Words = ["订单", "实例", "Zürich", "naïve", "emoji😀", "a/b", "q\"uote", "back\\slash", "tab\t", "line\nbreak", "<tag>&amp;", "+plus=", "español", "ключ", ""];
    private readonly Random _random = new(seed);

    public string Alphanumeric(int min, int max) =>
        new(Enumerable.Range(0, _random.Next(min, max + 1)).Select(_ => Alnum[_random.Next(Alnum.Length)]).ToArray());

    public string Key() => _random.Next(4) switch
    {
        0 => Alphanumeric(8, 40),
        1 => Alphanumeric(4, 10) + "-" + Alphanumeric(4, 10) + "_~!",
        2 => "密钥" + Alphanumeric(4, 12),
        _ => Alphanumeric(32, 32),
    };

    public string Text() => _random.Next(3) switch
    {
        0 => Alphanumeric(0, 30),
        1 => Words[_random.Next(Words.Length)] + Alphanumeric(0, 5),
        _ => string.Join(' ', Enumerable.Range(0, _random.Next(1, 4)).Select(_ => Words[_random.Next(Words.Length)])),
    };

    public string Body() => _random.Next(6) switch
    {
        0 => string.Empty,
        1 => Json(depth: 0).ToJsonString(),
        2 => Json(depth: 0).ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true }),
        _ => JsonUnescaped(Json(depth: 0)),
    };

    public string Nonce() => _random.Next(2) == 0 ? Alphanumeric(16, 16) : Convert.ToHexString(Bytes(32));

    public string Timestamp() => (1_600_000_000_000L + _random.NextInt64(200_000_000_000L)).ToString(System.Globalization.CultureInfo.InvariantCulture);

    public string TimeStamp17() => new DateTime(2020, 1, 1).AddMilliseconds(_random.NextInt64(200_000_000_000L)).ToString("yyyyMMddHHmmssfff", System.Globalization.CultureInfo.InvariantCulture);

    public byte[] Bytes(int n)
    {
        var bytes = new byte[n];
        _random.NextBytes(bytes);
        return bytes;
    }

    public int Next(int max) => _random.Next(max);

    public T Pick<T>(params T[] items) => items[_random.Next(items.Length)];

    private JsonObject Json(int depth)
    {
        var result = new JsonObject();
        var count = _random.Next(depth == 0 ? 1 : 0, 6);
        for (var i = 0; i < count; i++)
        {
            var name = _random.Next(5) == 0 ? Text() : Alphanumeric(1, 12);
            if (result.ContainsKey(name))
            {
                continue;
            }

            result[name] = Value(depth);
        }

        return result;
    }

    private JsonNode? Value(int depth) => _random.Next(depth < 2 ? 7 : 4) switch
    {
        0 => JsonValue.Create(Text()),
        1 => JsonValue.Create(_random.Next(-1000, 100000)),
        2 => JsonValue.Create(_random.Next(2) == 0),
        3 => null,
        4 => Json(depth + 1),
        5 => new JsonArray(Enumerable.Range(0, _random.Next(0, 4)).Select(_ => Value(depth + 1)).ToArray()),
        _ => JsonValue.Create(Alphanumeric(1, 20)),
    };

    /// <summary>Writes JSON with non-ASCII characters as raw UTF-8, as KooGallery (Jackson) sends them.</summary>
    private static string JsonUnescaped(JsonNode node) =>
        node.ToJsonString(new System.Text.Json.JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });

    public static string Utf8(byte[] bytes) => Encoding.UTF8.GetString(bytes);
}

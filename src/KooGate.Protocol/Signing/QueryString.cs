using System.Text;

namespace KooGate.Protocol.Signing;

/// <summary>
/// A strict query-string reader for signature checks: percent-escapes decode as UTF-8, and <c>+</c> stays a plus
/// unless form decoding is asked for. A repeated name is refused by the verifiers (<see cref="FindDuplicateName"/>).
/// </summary>
public static class QueryString
{
    public static List<KeyValuePair<string, string?>> Parse(string rawQuery, bool plusAsSpace)
    {
        var query = rawQuery.StartsWith('?') ? rawQuery[1..] : rawQuery;
        var result = new List<KeyValuePair<string, string?>>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var part in query.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = part.IndexOf('=', StringComparison.Ordinal);
            var name = Decode(eq < 0 ? part : part[..eq], plusAsSpace);
            var value = eq < 0 ? string.Empty : Decode(part[(eq + 1)..], plusAsSpace);
            if (seen.Add(name))
            {
                result.Add(new(name, value));
            }
        }

        return result;
    }

    /// <summary>
    /// A parameter name that occurs twice once decoded (<c>timeStamp</c> and <c>time%53tamp</c> are one name), read
    /// both strictly and as form encoding; null when every name is unique (README decision 13).
    /// </summary>
    public static string? FindDuplicateName(string rawQuery)
    {
        var query = rawQuery.StartsWith('?') ? rawQuery[1..] : rawQuery;
        foreach (var plusAsSpace in (bool[])[false, true])
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var part in query.Split('&', StringSplitOptions.RemoveEmptyEntries))
            {
                var eq = part.IndexOf('=', StringComparison.Ordinal);
                var name = Decode(eq < 0 ? part : part[..eq], plusAsSpace);
                if (!seen.Add(name))
                {
                    return name;
                }
            }
        }

        return null;
    }

    /// <summary>Decodes <c>%XX</c> sequences as UTF-8 bytes; malformed escapes are kept literally.</summary>
    public static string Decode(string value, bool plusAsSpace)
    {
        if (!value.Contains('%', StringComparison.Ordinal) && !(plusAsSpace && value.Contains('+', StringComparison.Ordinal)))
        {
            return value;
        }

        var input = Encoding.UTF8.GetBytes(value);
        var bytes = new List<byte>(input.Length);
        for (var i = 0; i < input.Length; i++)
        {
            var b = input[i];
            if (b == '%' && i + 2 < input.Length && Uri.IsHexDigit((char)input[i + 1]) && Uri.IsHexDigit((char)input[i + 2]))
            {
                bytes.Add((byte)((Uri.FromHex((char)input[i + 1]) << 4) | Uri.FromHex((char)input[i + 2])));
                i += 2;
            }
            else
            {
                bytes.Add(b == '+' && plusAsSpace ? (byte)' ' : b);
            }
        }

        return Encoding.UTF8.GetString(bytes.ToArray());
    }

    /// <summary>Builds a query string, percent-encoding every value (RFC 3986), in the order given.</summary>
    public static string Build(IEnumerable<KeyValuePair<string, string?>> parameters) =>
        string.Join('&', parameters.Select(p => Uri.EscapeDataString(p.Key) + "=" + Uri.EscapeDataString(p.Value ?? string.Empty)));
}

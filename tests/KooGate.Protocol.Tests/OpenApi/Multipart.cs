using System.Net.Http.Headers;
using System.Text;

namespace KooGate.Protocol.Tests.OpenApi;

internal sealed record MultipartPart(IReadOnlyDictionary<string, string> Headers, byte[] Content)
{
    public string Text => Encoding.UTF8.GetString(Content);

    public ContentDispositionHeaderValue Disposition => ContentDispositionHeaderValue.Parse(Headers["Content-Disposition"]);

    public string Name => Disposition.Name!.Trim('"');
}

/// <summary>A small multipart/form-data reader, independent of the code under test.</summary>
internal static class Multipart
{
    public static List<MultipartPart> Parse(string contentType, byte[] body)
    {
        var boundary = MediaTypeHeaderValue.Parse(contentType).Parameters.Single(p => p.Name == "boundary").Value!.Trim('"');
        var text = Encoding.Latin1.GetString(body);
        var sections = text.Split("--" + boundary);
        Assert.Equal("", sections[0]);
        Assert.StartsWith("--", sections[^1], StringComparison.Ordinal);
        var parts = new List<MultipartPart>();
        foreach (var section in sections[1..^1])
        {
            Assert.StartsWith("\r\n", section, StringComparison.Ordinal);
            Assert.EndsWith("\r\n", section, StringComparison.Ordinal);
            var split = section.IndexOf("\r\n\r\n", StringComparison.Ordinal);
            var headers = section[2..split].Split("\r\n").Select(h => h.Split(':', 2))
                .ToDictionary(h => h[0].Trim(), h => h[1].Trim(), StringComparer.OrdinalIgnoreCase);
            parts.Add(new MultipartPart(headers, Encoding.Latin1.GetBytes(section[(split + 4)..^2])));
        }

        return parts;
    }
}

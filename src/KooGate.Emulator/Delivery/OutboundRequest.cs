using System.Text;

namespace KooGate.Emulator.Delivery;

/// <summary>A signed call ready to send, plus the key its response's <c>Body-Sign</c> must verify with.</summary>
public sealed record OutboundRequest(
    string Activity, HttpMethod Method, Uri Url, IReadOnlyList<KeyValuePair<string, string>> Headers, string? Body,
    string? BodySignKey, bool BodySignRequired)
{
    public const string JsonContentType = "application/json;charset=utf8";

    public HttpRequestMessage ToHttpRequest()
    {
        var request = new HttpRequestMessage(Method, Url);
        foreach (var (name, value) in Headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        if (Body is not null)
        {
            request.Content = new ByteArrayContent(Encoding.UTF8.GetBytes(Body));
            request.Content.Headers.TryAddWithoutValidation("Content-Type", JsonContentType);
        }

        return request;
    }

    public string DescribeHeaders()
    {
        var lines = Headers.Select(h => $"{h.Key}: {h.Value}").ToList();
        if (Body is not null)
        {
            lines.Add($"Content-Type: {JsonContentType}");
        }

        return string.Join('\n', lines);
    }
}

namespace KooGate.Conformance.Wire;

/// <summary>
/// A fully signed request, kept as data so that it can be sent again byte for byte (the replayed-nonce check).
/// </summary>
internal sealed record WireRequest(HttpMethod Method, Uri Uri, IReadOnlyList<KeyValuePair<string, string>> Headers, byte[]? Body)
{
    public HttpRequestMessage ToMessage()
    {
        var message = new HttpRequestMessage(Method, Uri);
        if (Body is not null)
        {
            message.Content = new ByteArrayContent(Body);
            message.Content.Headers.TryAddWithoutValidation("Content-Type", "application/json;charset=utf-8");
        }

        message.Headers.TryAddWithoutValidation("Accept", "application/json");
        foreach (var (name, value) in Headers)
        {
            message.Headers.TryAddWithoutValidation(name, value);
        }

        return message;
    }
}

using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace KooGate.Protocol.OpenApi;

/// <summary>
/// Turns an open-API reply into its message or a <see cref="MarketplaceApiException"/>. The code is read from
/// <c>resultCode</c> (查询订单) or <c>error_code</c> (license, usage, upload and gateway errors).
/// </summary>
internal static class MarketplaceResponseReader
{
    private const int SnippetLength = 200;

    public static T Read<T>(string operation, HttpStatusCode status, byte[] body, JsonTypeInfo<T> typeInfo)
    {
        JsonElement root;
        try
        {
            using var document = JsonDocument.Parse(body);
            root = document.RootElement.Clone();
        }
        catch (JsonException)
        {
            throw Unusable(operation, status, body, "the body is not JSON");
        }

        if (root.ValueKind != JsonValueKind.Object)
        {
            throw Unusable(operation, status, body, "the body is not a JSON object");
        }

        var code = Text(root, "resultCode") ?? Text(root, "error_code");
        var message = Text(root, "resultMsg") ?? Text(root, "error_msg");
        var requestId = Text(root, "request_id");
        var succeeded = (int)status is >= 200 and < 300 && MarketplaceErrorCodes.IsSuccess(code);
        if (!succeeded)
        {
            if (code is null)
            {
                throw Unusable(operation, status, body, "the body has no resultCode or error_code");
            }

            throw new MarketplaceApiException(
                operation, status, code, message, MarketplaceErrorCodes.IsTransient(status, code), requestId);
        }

        try
        {
            return root.Deserialize(typeInfo)
                ?? throw Unusable(operation, status, body, "the body is null");
        }
        catch (JsonException e)
        {
            throw Unusable(operation, status, body, $"the body does not match the documented fields: {e.Message}", e);
        }
    }

    private static string? Text(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) ? value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            JsonValueKind.Number => value.GetRawText(),
            _ => null,
        } : null;

    private static MarketplaceApiException Unusable(
        string operation, HttpStatusCode status, byte[] body, string problem, Exception? inner = null)
    {
        var text = Encoding.UTF8.GetString(body, 0, Math.Min(body.Length, SnippetLength * 4));
        var snippet = text.Length > SnippetLength ? text[..SnippetLength] + "…" : text;
        var detail = body.Length == 0 ? $"{problem}: empty body" : $"{problem}: {snippet.ReplaceLineEndings(" ")}";
        return new MarketplaceApiException(
            operation, status, null, null, MarketplaceErrorCodes.IsTransientStatus(status), detail: detail, innerException: inner);
    }
}

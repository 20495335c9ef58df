using KooGate.Protocol.Messages;
using KooGate.Protocol.Signing;

namespace KooGate.Server.Produce;

/// <summary>
/// Every production-interface reply is HTTP 200 <c>application/json</c> with <c>resultCode</c> and <c>resultMsg</c>
/// (README decision 11), written from a <c>KooGate.Protocol</c> response record. The body is serialised once and <c>Body-Sign</c> is computed over exactly those bytes.
/// </summary>
public static class ProduceResponseWriter
{
    /// <summary>The typed reply record, or <see cref="ProduceResponse"/> when the answer has no fields of its own.</summary>
    public static byte[] Serialize(ProduceResult result) =>
        result.Reply?.Serialize(result.Code) ?? KooJson.SerializeToUtf8Bytes(ProduceResponse.From(result.Code));

    /// <summary>
    /// Writes the answer; with <paramref name="late"/> work still running (a call answered at its deadline), the
    /// response is completed at once, then the late work is awaited before the request ends.
    /// </summary>
    public static async Task WriteAsync(HttpContext context, byte[] body, string? bodySignKey, Task? late = null)
    {
        var response = context.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "application/json;charset=UTF-8";
        if (bodySignKey is not null)
        {
            response.Headers[BodySign.HeaderName] = BodySign.HeaderValue(bodySignKey, body);
        }

        response.ContentLength = body.Length;
        await response.Body.WriteAsync(body, context.RequestAborted);
        if (late is not null)
        {
            await response.CompleteAsync();
            await CallDeadline.DrainAsync(late);
        }
    }
}

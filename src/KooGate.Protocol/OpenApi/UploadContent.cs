using System.Net.Http.Headers;
using KooGate.Protocol.Messages;

namespace KooGate.Protocol.OpenApi;

/// <summary>
/// The multipart body of 字符串/文件流上传 (license-order-openapi.md §D.3): part <c>file</c> (when uploading a file)
/// and the JSON part <c>isvUpdateFileReq</c>. The body is rendered to bytes once, so the APIG payload hash covers
/// exactly what is sent and a retry re-sends the same bytes.
/// </summary>
internal static class UploadContent
{
    public const string FilePart = "file";
    public const string RequestPart = "isvUpdateFileReq";

    public static async Task<HttpContent> BuildAsync(
        IsvUpdateFileRequest request, (string Name, ReadOnlyMemory<byte> Content)? file, CancellationToken cancellationToken)
    {
        using var multipart = new MultipartFormDataContent("koogate-" + Guid.NewGuid().ToString("N"));
        if (file is { } f)
        {
            var filePart = new ReadOnlyMemoryContent(f.Content);
            filePart.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
            multipart.Add(filePart, FilePart, f.Name);
        }

        var json = new ByteArrayContent(KooJson.SerializeToUtf8Bytes(request));
        json.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        multipart.Add(json, RequestPart);

        var bytes = await multipart.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = multipart.Headers.ContentType;
        return content;
    }
}

using System.Security.Cryptography;
using System.Text.Json;
using KooGate.Emulator.Clock;
using KooGate.Emulator.Data;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace KooGate.Emulator.OpenApi;

/// <summary>
/// 字符串/文件流上传 (license-order-openapi.md §D.3): multipart with a <c>file</c> part and/or the JSON part
/// <c>isvUpdateFileReq</c> (<c>type</c>, <c>sha256</c>, <c>characters</c>, <c>file_name</c>); plain form fields are read too.
/// </summary>
public static class UploadEndpoint
{
    public const string Path = "/api/mkp-openapi-public/global/v1/market-event/{eventId}/file";

    public static async Task<IResult> HandleAsync(string eventId, HttpRequest request, GatewayAuth gateway, EmulatorDb db, VirtualClock clock, CancellationToken ct)
    {
        var raw = await RawRequest.ReadAsync(request, ct);
        var (_, refusal) = await gateway.VerifyAsync(request, raw, ct);
        if (refusal is not null)
        {
            return refusal;
        }

        if (eventId.Length > 64 || !MediaTypeHeaderValue.TryParse(request.ContentType, out var contentType)
            || HeaderUtilities.RemoveQuotes(contentType.Boundary).Value is not { Length: > 0 } boundary)
        {
            return Reply(400, "CBC.0101", "Invalid parameter: multipart/form-data with a boundary is required");
        }

        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        byte[]? file = null;
        string? fileName = null;
        var reader = new MultipartReader(boundary, new MemoryStream(raw.Body));
        while (await reader.ReadNextSectionAsync(ct) is { } section)
        {
            var disposition = section.GetContentDispositionHeader();
            using var buffer = new MemoryStream();
            await section.Body.CopyToAsync(buffer, ct);
            if (disposition?.IsFileDisposition() == true)
            {
                file = buffer.ToArray();
                fileName = disposition.FileName.Value;
            }
            else if (disposition?.Name.Value is { } name)
            {
                var text = System.Text.Encoding.UTF8.GetString(buffer.ToArray());
                if (name == "isvUpdateFileReq")
                {
                    if (!TryReadJsonPart(text, fields))
                    {
                        return Reply(400, "CBC.0101", "Invalid parameter: isvUpdateFileReq is not a JSON object");
                    }
                }
                else
                {
                    fields[name] = text;
                }
            }
        }

        var type = fields.GetValueOrDefault("type");
        var upload = new Upload { EventId = eventId, Type = type ?? string.Empty, ReceivedAt = clock.GetUtcNow() };
        if (type == "CHARACTERS")
        {
            if (fields.GetValueOrDefault("characters") is not { Length: > 0 and <= 1024 } characters)
            {
                return Reply(400, "CBC.0101", "Invalid parameter: characters (1 to 1024) is required for type CHARACTERS");
            }

            upload.Characters = characters;
        }
        else if (type == "FILE")
        {
            if (file is null || fields.GetValueOrDefault("sha256") is not { Length: > 0 } sha256)
            {
                return Reply(400, "CBC.0101", "Invalid parameter: file and sha256 are required for type FILE");
            }

            if (!string.Equals(sha256, Convert.ToHexStringLower(SHA256.HashData(file)), StringComparison.OrdinalIgnoreCase))
            {
                return Reply(400, "CBC.0101", "Invalid parameter: sha256 does not match the file");
            }

            upload.Sha256 = sha256;
            upload.Content = file;
            upload.FileName = fields.GetValueOrDefault("file_name") ?? fileName;
        }
        else
        {
            return Reply(400, "CBC.0101", "Invalid parameter: type must be CHARACTERS or FILE");
        }

        db.Uploads.Add(upload);
        await db.SaveChangesAsync(ct);
        return Reply(200, "CBC.0000", "Success");
    }

    private static bool TryReadJsonPart(string text, Dictionary<string, string> fields)
    {
        try
        {
            using var document = JsonDocument.Parse(text);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return false;
            }

            foreach (var property in document.RootElement.EnumerateObject())
            {
                fields[property.Name] = property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString()! : property.Value.GetRawText();
            }

            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static IResult Reply(int status, string code, string message) =>
        Results.Json(new { error_code = code, error_msg = message }, statusCode: status);
}

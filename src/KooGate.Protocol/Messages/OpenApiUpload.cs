using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace KooGate.Protocol.Messages;

/// <summary>字符串/文件流上传 <c>type</c> (license-order-openapi.md §D.3).</summary>
public static class UploadTypes
{
    public const string Characters = "CHARACTERS";
    public const string File = "FILE";
}

/// <summary>
/// The JSON part <c>isvUpdateFileReq</c> of 字符串/文件流上传 (§D.3). Where <c>file_name</c> goes is not confirmed;
/// KooGate sends it here and as the file part's file name.
/// </summary>
public sealed record IsvUpdateFileRequest
{
    /// <summary>The string; required for <c>CHARACTERS</c>.</summary>
    [JsonPropertyName("characters"), MaxLength(1024)]
    public string? Characters { get; init; }

    [JsonPropertyName("file_name"), MaxLength(1024)]
    public string? FileName { get; init; }

    /// <summary>Lower-case hex SHA-256 of the file; required for <c>FILE</c>.</summary>
    [JsonPropertyName("sha256"), MaxLength(1024)]
    public string? Sha256 { get; init; }

    [JsonPropertyName("type"), Required, AllowedValues(UploadTypes.Characters, UploadTypes.File)]
    public string Type { get; init; } = string.Empty;
}

/// <summary>授权码心跳检测 v2 (batch query). The shape is inferred from v2 activate (§C.2.2, [UNCONFIRMED]).</summary>
public sealed record LicenseHeartbeatV2Request
{
    [JsonPropertyName("license_list"), Required, MinLength(1), MaxLength(100)]
    public IReadOnlyList<string> LicenseList { get; init; } = [];
}

/// <summary>The v2 heartbeat reply; <c>data</c> is kept as raw JSON because its shape is not documented.</summary>
public sealed record LicenseHeartbeatV2Response
{
    [JsonPropertyName("error_code"), Required, MaxLength(16)]
    public string ErrorCode { get; init; } = string.Empty;

    [JsonPropertyName("error_msg"), MaxLength(1024)]
    public string? ErrorMsg { get; init; }

    [JsonPropertyName("data")]
    public JsonElement? Data { get; init; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? ExtensionData { get; set; }

    /// <summary>The license infos when <c>data</c> is an array of them (or an object holding one such array).</summary>
    public IReadOnlyList<LicenseInfo> Licenses()
    {
        if (Data is not { } data)
        {
            return [];
        }

        var array = data.ValueKind == JsonValueKind.Array
            ? data
            : data.ValueKind == JsonValueKind.Object
                ? data.EnumerateObject().Select(p => p.Value).FirstOrDefault(v => v.ValueKind == JsonValueKind.Array)
                : default;
        if (array.ValueKind != JsonValueKind.Array)
        {
            return [];
        }

        try
        {
            return [.. array.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.Object)
                .Select(e => e.Deserialize(KooJsonContext.Default.LicenseInfo)!)];
        }
        catch (JsonException)
        {
            return [];
        }
    }
}

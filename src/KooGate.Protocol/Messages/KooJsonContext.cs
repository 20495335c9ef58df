using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace KooGate.Protocol.Messages;

/// <summary>
/// Source-generated metadata for every message. Nulls are omitted; the default encoder is kept, so non-ASCII goes out
/// as <c>\uXXXX</c> as the docs ask for <c>memo</c> (saas-v2.md §2.5). Reading is lenient about strings vs numbers.
/// </summary>
[JsonSourceGenerationOptions(
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    Converters = [typeof(LenientStringConverter), typeof(LenientInt32Converter), typeof(LenientDecimalConverter)])]
// SaaS V2 and order notification
[JsonSerializable(typeof(NewInstanceRequest))]
[JsonSerializable(typeof(InlineNewInstanceRequest))]
[JsonSerializable(typeof(QueryInstanceRequest))]
[JsonSerializable(typeof(RefreshInstanceRequest))]
[JsonSerializable(typeof(UpdateInstanceStatusRequest))]
[JsonSerializable(typeof(ReleaseInstanceRequest))]
[JsonSerializable(typeof(UpgradeInstanceRequest))]
[JsonSerializable(typeof(ChangeInstanceCheckRequest))]
[JsonSerializable(typeof(ChangeProductInfo))]
[JsonSerializable(typeof(OrderNotifyRequest))]
[JsonSerializable(typeof(ProduceResponse))]
[JsonSerializable(typeof(NewInstanceResponse))]
[JsonSerializable(typeof(QueryInstanceResponse))]
// Kit
[JsonSerializable(typeof(TenantSyncRequest))]
[JsonSerializable(typeof(ApplicationSyncRequest))]
[JsonSerializable(typeof(AuthSyncRequest))]
[JsonSerializable(typeof(KitUser[]))]
[JsonSerializable(typeof(SingleOrgSyncRequest))]
[JsonSerializable(typeof(AllOrgSyncRequest))]
[JsonSerializable(typeof(OrgInfo[]))]
[JsonSerializable(typeof(AllOrgSyncV1Request))]
[JsonSerializable(typeof(OrgInfoV1[]))]
// SaaS V1
[JsonSerializable(typeof(V1NewInstanceRequest))]
[JsonSerializable(typeof(V1RefreshInstanceRequest))]
[JsonSerializable(typeof(V1ExpireInstanceRequest))]
[JsonSerializable(typeof(V1ReleaseInstanceRequest))]
[JsonSerializable(typeof(V1UpgradeRequest))]
[JsonSerializable(typeof(V1InstanceStatusRequest))]
[JsonSerializable(typeof(V1QueryInstanceRequest))]
[JsonSerializable(typeof(ExtendParam[]))]
// License
[JsonSerializable(typeof(GetLicenseRequest))]
[JsonSerializable(typeof(RefreshLicenseRequest))]
[JsonSerializable(typeof(ExpireLicenseRequest))]
[JsonSerializable(typeof(ReleaseLicenseRequest))]
[JsonSerializable(typeof(GetLicenseResponse))]
[JsonSerializable(typeof(RefreshLicenseCodeRequest))]
[JsonSerializable(typeof(UpdateLicenseCodeStatusRequest))]
[JsonSerializable(typeof(ReleaseLicenseCodeRequest))]
[JsonSerializable(typeof(GetLicenseAsyncRequest))]
// Open APIs
[JsonSerializable(typeof(QueryOrderResponse))]
[JsonSerializable(typeof(OpenApiResponse))]
[JsonSerializable(typeof(LicenseActivateRequest))]
[JsonSerializable(typeof(LicenseActivateV2Request))]
[JsonSerializable(typeof(LicenseActivateResponse))]
[JsonSerializable(typeof(LicenseCodeInfo))]
[JsonSerializable(typeof(LicenseHeartbeatRequest))]
[JsonSerializable(typeof(LicenseHeartbeatResponse))]
[JsonSerializable(typeof(UsagePushRequest))]
[JsonSerializable(typeof(LicenseHeartbeatV2Request))]
[JsonSerializable(typeof(LicenseHeartbeatV2Response))]
[JsonSerializable(typeof(IsvUpdateFileRequest))]
public sealed partial class KooJsonContext : JsonSerializerContext;

/// <summary>Serialises and deserialises the message types through <see cref="KooJsonContext"/>.</summary>
public static class KooJson
{
    /// <summary>The metadata of a message type; throws for a type the context does not know (a programming error).</summary>
    public static JsonTypeInfo<T> TypeInfo<T>() =>
        KooJsonContext.Default.GetTypeInfo(typeof(T)) as JsonTypeInfo<T>
        ?? throw new InvalidOperationException($"{typeof(T).Name} is not registered in {nameof(KooJsonContext)}.");

    public static string Serialize<T>(T message) => JsonSerializer.Serialize(message, TypeInfo<T>());

    public static byte[] SerializeToUtf8Bytes<T>(T message) => JsonSerializer.SerializeToUtf8Bytes(message, TypeInfo<T>());

    /// <summary>Throws <see cref="JsonException"/> on malformed input; use ProduceRequestParser for untrusted bodies.</summary>
    public static T? Deserialize<T>(ReadOnlySpan<byte> utf8Json) => JsonSerializer.Deserialize(utf8Json, TypeInfo<T>());

    public static T? Deserialize<T>(string json) => JsonSerializer.Deserialize(json, TypeInfo<T>());

    public static T? Deserialize<T>(JsonElement element) => element.Deserialize(TypeInfo<T>());
}

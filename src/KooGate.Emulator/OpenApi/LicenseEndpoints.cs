using System.Text.Json;
using KooGate.Emulator.Clock;
using KooGate.Emulator.Data;
using KooGate.Protocol;
using KooGate.Protocol.Messages;
using KooGate.Protocol.Validation;
using Microsoft.EntityFrameworkCore;

namespace KooGate.Emulator.OpenApi;

/// <summary>
/// 激活授权码 v1/v2 and 授权码心跳检测 v1/v2 (license-order-openapi.md §C.2): the seller's software activates a code once
/// and checks it daily; status follows the resource (frozen = EXPIRED, released = RELEASED). Online-license (在线开通)
/// products heartbeat with their instanceId as the license and need no activation (§C.2.2's older variant).
/// </summary>
public static class LicenseEndpoints
{
    public const string ActivateV1 = "/api/mkp-openapi-public/global/v1/license/activate";
    public const string ActivateV2 = "/api/mkp-openapi-public/global/v2/license/activate";
    public const string HeartbeatV1 = "/api/mkp-openapi-public/global/v1/license/heartbeat";
    public const string HeartbeatV2 = "/api/mkp-openapi-public/global/v2/license/heartbeat";

    public static async Task<IResult> ActivateAsync(HttpRequest request, GatewayAuth gateway, EmulatorDb db, VirtualClock clock, CancellationToken ct)
    {
        var (seller, message, refusal) = await ReadAsync<LicenseActivateRequest>(request, gateway, ct);
        if (refusal is not null)
        {
            return refusal;
        }

        var resource = await FindAsync(db, seller!, message!.License, ct);
        if (resource is null)
        {
            return Error(200, "92020005", "license code notexist");
        }

        if (resource.ActivatedAt is not null || resource.State is ResourceState.Released)
        {
            return Error(200, "92020003", "illegal state");
        }

        resource.ActivatedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(ct);
        var info = new LicenseCodeInfo
        {
            Status = Status(resource),
            ExpireTime = resource.ExpireTime is { } expire ? KooTime.ToUtc14(expire) : null,
            ProductId = resource.ProductId,
            OrderId = resource.OrderId,
            Amount = resource.LinearValue ?? 1,
        };
        return Json(new LicenseActivateResponse { ErrorCode = OpenApiCodes.LicenseSuccess, ErrorMsg = "success", Data = LicenseActivateData.From(info) });
    }

    public static async Task<IResult> ActivateBatchAsync(HttpRequest request, GatewayAuth gateway, EmulatorDb db, VirtualClock clock, CancellationToken ct)
    {
        var (seller, message, refusal) = await ReadAsync<LicenseActivateV2Request>(request, gateway, ct);
        if (refusal is not null)
        {
            return refusal;
        }

        var resources = new List<Resource>();
        foreach (var code in message!.LicenseList.Distinct(StringComparer.Ordinal))
        {
            if (await FindAsync(db, seller!, code, ct) is not { State: not ResourceState.Released } resource)
            {
                // One bad code rejects the batch (error 92020020, §C.2.1).
                return Error(200, "92020020", "Invalid license code exists.");
            }

            resources.Add(resource);
        }

        foreach (var resource in resources)
        {
            resource.ActivatedAt ??= clock.GetUtcNow();
        }

        await db.SaveChangesAsync(ct);
        return Json(new OpenApiResponse { ErrorCode = OpenApiCodes.LicenseSuccess, ErrorMsg = "success" });
    }

    public static async Task<IResult> HeartbeatAsync(HttpRequest request, GatewayAuth gateway, EmulatorDb db, CancellationToken ct)
    {
        var (seller, message, refusal) = await ReadAsync<LicenseHeartbeatRequest>(request, gateway, ct);
        if (refusal is not null)
        {
            return refusal;
        }

        var resource = await FindAsync(db, seller!, message!.License, ct, online: true);
        if (resource is null)
        {
            return Error(200, "92020005", "license code notexist");
        }

        return Info(resource, message.License) is { } info
            ? Json(new LicenseHeartbeatResponse { ErrorCode = OpenApiCodes.LicenseSuccess, ErrorMsg = "success", Data = info })
            : Error(200, "92020011", "license code has been not activated.");
    }

    /// <summary>The v2 batch query (shape [UNCONFIRMED], §C.2.2): one invalid or inactive code rejects the batch.</summary>
    public static async Task<IResult> HeartbeatBatchAsync(HttpRequest request, GatewayAuth gateway, EmulatorDb db, CancellationToken ct)
    {
        var (seller, message, refusal) = await ReadAsync<LicenseHeartbeatV2Request>(request, gateway, ct);
        if (refusal is not null)
        {
            return refusal;
        }

        var infos = new List<LicenseInfo>();
        foreach (var code in message!.LicenseList.Distinct(StringComparer.Ordinal))
        {
            if (await FindAsync(db, seller!, code, ct, online: true) is not { } resource || Info(resource, code) is not { } info)
            {
                return Error(200, "92020020", "Invalid license code exists.");
            }

            infos.Add(info);
        }

        var array = new System.Text.Json.Nodes.JsonArray([.. infos.Select(i => JsonSerializer.SerializeToNode(i, KooJsonContext.Default.LicenseInfo))]);
        using var document = JsonDocument.Parse(array.ToJsonString());
        var data = document.RootElement.Clone();
        return Json(new LicenseHeartbeatV2Response { ErrorCode = OpenApiCodes.LicenseSuccess, ErrorMsg = "success", Data = data });
    }

    /// <summary>The heartbeat data; null for a code that was never activated.</summary>
    private static LicenseInfo? Info(Resource resource, string license)
    {
        var activated = resource.LicenseCode is null ? resource.CreatedAt : resource.ActivatedAt;
        return activated is null ? null : new LicenseInfo
        {
            LicenseCode = license,
            Status = Status(resource),
            ActivateTime = KooTime.ToUtc14(activated.Value),
            ExpireTime = resource.ExpireTime is { } expire ? KooTime.ToUtc14(expire) : null,
            ProductId = resource.ProductId,
            OrderId = resource.OrderId,
            Amount = resource.LinearValue ?? 1,
        };
    }

    /// <summary>The gateway's checks (content type, APIG signature), then the body as <typeparamref name="T"/>; or why not.</summary>
    private static async Task<(Seller? Seller, T? Message, IResult? Refusal)> ReadAsync<T>(HttpRequest request, GatewayAuth gateway, CancellationToken ct)
        where T : class
    {
        if (request.ContentType is not { } type || !type.StartsWith("application/json", StringComparison.OrdinalIgnoreCase))
        {
            return (null, null, Error(415, "95000003", "Content type not supported"));
        }

        var raw = await RawRequest.ReadAsync(request, ct);
        var (seller, refusal) = await gateway.VerifyAsync(request, raw, ct);
        if (refusal is not null)
        {
            return (null, null, refusal);
        }

        return ProduceRequestParser.TryParse<T>(raw.Body, out var message, out var error)
            ? (seller, message, null)
            : (null, null, Error(400, "95000001", $"req param is invalid: {error}"));
    }

    /// <summary>A code of one of this seller's License-code products; others' codes do not exist for it.</summary>
    private static async Task<Resource?> FindAsync(EmulatorDb db, Seller seller, string code, CancellationToken ct, bool online = false)
    {
        var resource = await db.Resources.SingleOrDefaultAsync(r => r.LicenseCode == code, ct)
            ?? (online ? await db.Resources.SingleOrDefaultAsync(r => r.LicenseCode == null && r.InstanceId == code, ct) : null);
        if (resource is null)
        {
            return null;
        }

        var product = await db.Products.AsNoTracking().SingleAsync(p => p.ProductId == resource.ProductId, ct);
        var version = resource.LicenseCode is null ? InterfaceVersion.OnlineLicense : InterfaceVersion.LicenseCode;
        return product.SellerId == seller.SellerId && product.InterfaceVersion == version ? resource : null;
    }

    private static string Status(Resource resource) => resource.State switch
    {
        ResourceState.Frozen => LicenseStatuses.Expired,
        ResourceState.Released or ResourceState.Failed => LicenseStatuses.Released,
        _ => LicenseStatuses.Alive,
    };

    private static IResult Json<T>(T message) => Results.Text(KooJson.Serialize(message), "application/json");

    private static IResult Error(int status, string code, string message) =>
        Results.Text(KooJson.Serialize(new OpenApiResponse { ErrorCode = code, ErrorMsg = message }), "application/json", statusCode: status);
}

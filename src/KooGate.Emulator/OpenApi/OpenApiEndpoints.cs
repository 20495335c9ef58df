using KooGate.Emulator.Data;
using Microsoft.EntityFrameworkCore;

namespace KooGate.Emulator.OpenApi;

/// <summary>
/// The marketplace open APIs at their documented paths (the emulator's address replaces mkt.myhuaweicloud.com), and
/// again under <see cref="OpenApiFaults.FallbackPrefix"/>, the emulator's mkt.myhuaweicloud.cn.
/// </summary>
public static class OpenApiEndpoints
{
    public static void MapOpenApis(this IEndpointRouteBuilder app)
    {
        MapHost(app);
        MapHost(app.MapGroup(OpenApiFaults.FallbackPrefix));
        app.MapGet("/api/uploads", async (string? eventId, EmulatorDb db, CancellationToken ct) =>
            (await db.Uploads.Where(u => eventId == null || u.EventId == eventId).OrderBy(u => u.Id).ToListAsync(ct))
                .Select(u => new { u.Id, u.EventId, u.Type, u.FileName, u.Sha256, u.Characters, Size = u.Content?.Length, u.ReceivedAt }));
    }

    private static void MapHost(IEndpointRouteBuilder app)
    {
        app.MapGet(OrderQueryEndpoint.Path, OrderQueryEndpoint.HandleAsync);
        app.MapPost(LicenseEndpoints.ActivateV1, LicenseEndpoints.ActivateAsync);
        app.MapPost(LicenseEndpoints.ActivateV2, LicenseEndpoints.ActivateBatchAsync);
        app.MapPost(LicenseEndpoints.HeartbeatV1, LicenseEndpoints.HeartbeatAsync);
        app.MapPost(LicenseEndpoints.HeartbeatV2, LicenseEndpoints.HeartbeatBatchAsync);
        app.MapPost(UsageEndpoint.Path, UsageEndpoint.HandleAsync);
        app.MapPost(UploadEndpoint.Path, UploadEndpoint.HandleAsync);
    }
}

using System.Security.Cryptography;
using KooGate.Emulator.Clock;
using KooGate.Emulator.Data;
using KooGate.Emulator.Delivery;
using Microsoft.EntityFrameworkCore;

namespace KooGate.Emulator.Api;

/// <summary>What the buyer's client sends when it asks for a device license (the ISCDesk side of §C.3).</summary>
public sealed record LicenseRequestBody(string? DeviceFingerprint);

/// <summary>
/// 在线开通License: the buyer's client asks for a license for one device, so the marketplace opens an event and calls
/// <c>getLicenseAsync</c>; the seller answers and uploads the license under that event (字符串/文件流上传, see
/// <c>GET /api/uploads?eventId=</c>).
/// </summary>
public static class LicenseRequestEndpoints
{
    public static void MapLicenseRequests(this IEndpointRouteBuilder app) =>
        app.MapPost("/api/instances/{id}/licenses", async (string id, LicenseRequestBody request, Scheduler scheduler, EmulatorDb db, CancellationToken ct) =>
        {
            if (request.DeviceFingerprint is { Length: > 1024 })
            {
                throw ApiException.BadRequest("deviceFingerprint is at most 1024 characters");
            }

            var (deliveryId, eventId) = await scheduler.ExclusiveAsync(s => QueueAsync(s.GetRequiredService<EmulatorDb>(), s.GetRequiredService<VirtualClock>(), id, request, ct), ct);
            var delivery = await db.Deliveries.Include(d => d.Calls).SingleAsync(d => d.Id == deliveryId, ct);
            return new { EventId = eventId, Call = Views.Delivery(delivery, withCalls: true) };
        });

    private static async Task<(long Id, string EventId)> QueueAsync(EmulatorDb db, VirtualClock clock, string id, LicenseRequestBody request, CancellationToken ct)
    {
        var resource = await db.Resources.SingleOrDefaultAsync(r => r.ResourceId == id || r.InstanceId == id, ct) ?? throw ApiException.NotFound($"instance {id}");
        var product = await db.Products.SingleAsync(p => p.ProductId == resource.ProductId, ct);
        if (product.InterfaceVersion != InterfaceVersion.OnlineLicense)
        {
            throw ApiException.Conflict($"product {product.ProductId} is {product.InterfaceVersion}; device licenses belong to OnlineLicense products");
        }

        if (resource.State != ResourceState.Active || resource.InstanceId is null)
        {
            throw ApiException.Conflict($"instance {id} is {resource.State}; a license can be requested for an active, created instance only");
        }

        var eventId = "EV" + RandomNumberGenerator.GetHexString(30);
        var delivery = DeliveryPlanner.LicenseRequest(product, resource, eventId, request.DeviceFingerprint, clock.GetUtcNow());
        db.Deliveries.Add(delivery);
        await db.SaveChangesAsync(ct);
        return (delivery.Id, eventId);
    }
}

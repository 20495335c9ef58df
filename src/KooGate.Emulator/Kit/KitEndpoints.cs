using KooGate.Emulator.Api;
using KooGate.Emulator.Data;
using KooGate.Emulator.Delivery;
using Microsoft.EntityFrameworkCore;

namespace KooGate.Emulator.Kit;

/// <summary>Joint-product actions that push Kit syncs; each answer lists the calls made.</summary>
public static class KitEndpoints
{
    public static void MapKit(this IEndpointRouteBuilder app)
    {
        var kit = app.MapGroup("/api/instances/{id}/kit");
        kit.MapPost("/bind", async (string id, BindRequest request, Scheduler scheduler, HttpContext http, EmulatorDb db, CancellationToken ct) =>
        {
            var baseUrl = EmulatorApp.PublicBaseUrl(http.RequestServices);
            var (tenant, client) = await scheduler.ExclusiveAsync(s => s.GetRequiredService<KitService>().BindAsync(id, baseUrl, request, ct), ct);
            return new { tenant, client.ClientId, client.AppId, client.ClientSecret, Calls = await CallsAsync(db, id, ct) };
        });
        kit.MapPost("/users", async (string id, AuthSyncRequestBody request, Scheduler scheduler, EmulatorDb db, CancellationToken ct) =>
        {
            await scheduler.ExclusiveAsync(async s => { await s.GetRequiredService<KitService>().SyncUsersAsync(id, request, ct); return 0; }, ct);
            return new { Calls = await CallsAsync(db, id, ct) };
        });
        kit.MapPost("/orgs", async (string id, OrgSyncRequestBody request, Scheduler scheduler, EmulatorDb db, CancellationToken ct) =>
        {
            await scheduler.ExclusiveAsync(async s => { await s.GetRequiredService<KitService>().SyncOrgAsync(id, request, ct); return 0; }, ct);
            return new { Calls = await CallsAsync(db, id, ct) };
        });
    }

    private static async Task<IEnumerable<object>> CallsAsync(EmulatorDb db, string resourceId, CancellationToken ct) =>
        (await db.Deliveries.Include(d => d.Calls).Where(d => d.ResourceId == resourceId && d.Kit).OrderBy(d => d.Id).ToListAsync(ct))
            .Select(d => Views.Delivery(d, withCalls: true));
}

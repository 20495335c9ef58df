using KooGate.Server.Data;
using Microsoft.EntityFrameworkCore;

namespace KooGate.Server.Admin;

/// <summary>The callback log (secrets already redacted when recorded), newest first, filterable.</summary>
public static class CallbackAdminEndpoints
{
    public static void MapCallbackAdmin(this RouteGroupBuilder api) => api.MapGet("/callbacks", ListAsync);

    private static async Task<IResult> ListAsync(
        KooGateDbContext db, string? orderId, string? instanceId, string? activity, string? resultCode, long? before, int? take, CancellationToken cancellationToken)
    {
        var query = db.CallbackLogs.AsNoTracking();
        query = orderId is null ? query : query.Where(c => c.OrderId == orderId);
        query = instanceId is null ? query : query.Where(c => c.InstanceId == instanceId);
        query = activity is null ? query : query.Where(c => c.Activity == activity);
        query = resultCode is null ? query : query.Where(c => c.ResultCode == resultCode);
        query = before is null ? query : query.Where(c => c.Id < before);
        var rows = await query.OrderByDescending(c => c.Id).Take(AdminApi.Take(take)).ToListAsync(cancellationToken);
        return Results.Ok(rows.Select(CallbackView.From));
    }
}

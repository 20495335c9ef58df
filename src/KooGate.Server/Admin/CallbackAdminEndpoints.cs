using KooGate.Server.Data;
using Microsoft.EntityFrameworkCore;

namespace KooGate.Server.Admin;

/// <summary>The callback log (secrets already redacted when recorded), newest first, filterable.</summary>
public static class CallbackAdminEndpoints
{
    public static void MapCallbackAdmin(this RouteGroupBuilder api) => api.MapGet("/callbacks", ListAsync);

    /// <summary>
    /// Newest first, paged by <c>before</c> (an id) or <c>skip</c>, with the total in <c>X-Total-Count</c>;
    /// <c>failed=true</c> keeps non-success answers; <c>synthetic=false</c> hides KGCHECK calls.
    /// </summary>
    private static async Task<IResult> ListAsync(
        HttpContext context, KooGateDbContext db, string? orderId, string? instanceId, string? activity, string? resultCode, DateTimeOffset? from,
        DateTimeOffset? to, bool? failed, bool? synthetic, long? before, int? skip, int? take, CancellationToken cancellationToken)
    {
        var query = new CallbackFilter(orderId, instanceId, activity, resultCode, from, to, failed == true, synthetic ?? true).Apply(db);
        query = before is null ? query : query.Where(c => c.Id < before);
        var page = await Paging.PageAsync(query, skip, AdminApi.Take(take), cancellationToken);
        return Paging.Array(context, page, CallbackView.From);
    }
}

using System.Text.Json;
using System.Text.Json.Nodes;
using KooGate.Protocol.Messages;
using KooGate.Server.Data;
using Microsoft.EntityFrameworkCore;

namespace KooGate.Server.Produce.KitV2;

/// <summary>
/// The answer and persistence rules shared by the Kit sync handlers (saas-v2.md §3.8, §1.7); their requests are the
/// <c>KooGate.Protocol</c> Kit messages, validated before the handler runs.
/// </summary>
internal static class KitSync
{
    public static ProduceResult Success(string instanceId) =>
        ProduceResult.Success() with { InstanceId = instanceId.Length > 0 ? instanceId : null };

    /// <summary>The flag as the webhook event names it.</summary>
    public static string FlagName(int? flag) => flag switch
    {
        KitFlags.Delete => "delete",
        KitFlags.Add => "add",
        KitFlags.Modify => "modify",
        _ => "revoke",
    };

    /// <summary>
    /// Hands the sync to the seller's app in the same save, but only when it changed stored state: a repeated add or
    /// delete changes nothing and announces nothing (saas-v2.md §1.7).
    /// </summary>
    public static void Announce(KooGateDbContext db, Outbox.OutboxWriter outbox, string type, string instanceId, object data, DateTimeOffset now)
    {
        var changed = db.ChangeTracker.Entries().Any(e => e.State is EntityState.Added or EntityState.Deleted
            || (e.State == EntityState.Modified && e.Properties.Any(p => p.IsModified && p.Metadata.Name != "UpdatedAt")));
        if (changed && outbox.Enabled)
        {
            outbox.Add(db, type, instanceId, WithProduct(db, instanceId, data), now);
        }
    }

    /// <summary>
    /// Adds the instance's <c>productId</c> and <c>skuCode</c> to a Kit event (null for a credential application or an
    /// instance KooGate does not know). One key lookup, made only when a sync announces something.
    /// </summary>
    private static JsonObject WithProduct(KooGateDbContext db, string instanceId, object data)
    {
        var body = JsonSerializer.SerializeToNode(data, data.GetType(), Client.Events.EventJson.Options)!.AsObject();
        var product = instanceId.Length == 0 ? null
            : db.Instances.AsNoTracking().Where(i => i.InstanceId == instanceId).Select(i => new { i.ProductId, i.SkuCode }).FirstOrDefault();
        body["productId"] = product?.ProductId;
        body["skuCode"] = product?.SkuCode;
        return body;
    }

    /// <summary>Saves; a unique violation means a concurrent duplicate add won the race, which is the idempotent outcome.</summary>
    public static Task SaveIdempotentAsync(KooGateDbContext db, CancellationToken cancellationToken) => db.TrySaveAsync(cancellationToken);
}

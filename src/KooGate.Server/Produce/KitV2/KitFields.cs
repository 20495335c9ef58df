using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using KooGate.Protocol;
using KooGate.Server.Data;
using Microsoft.EntityFrameworkCore;

namespace KooGate.Server.Produce.KitV2;

/// <summary>The fields and persistence rules shared by the Kit V2 sync handlers (saas-v2.md §3.8, §1.7).</summary>
internal static partial class KitFields
{
    public const int Delete = 0;
    public const int Add = 1;
    public const int Modify = 2;

    /// <summary>
    /// Reads the common envelope: <c>instanceId</c> (may be empty), <c>tenantId</c>, <c>testFlag</c> and the UTC+8
    /// <c>timeStamp</c> (String(20) like every timeStamp of the docs, saas-v1-and-joint.md; the value itself has 17 digits). Throws <see cref="FieldException"/> naming the first bad field.
    /// </summary>
    public static (string InstanceId, string TenantId) ReadEnvelope(RequestFields fields)
    {
        var instanceId = fields.RequiredAllowEmpty("instanceId", 64);
        var tenantId = fields.Required("tenantId", 64);
        fields.RequiredInt("testFlag", 0, 1);
        if (!KooTime.TryParseChinaDigits(fields.Required("timeStamp", 20), out _))
        {
            throw new FieldException("timeStamp", "must be yyyyMMddHHmmssSSS (UTC+8)");
        }

        return (instanceId, tenantId);
    }

    public static ProduceResult Success(string instanceId) =>
        ProduceResult.Success() with { InstanceId = instanceId.Length > 0 ? instanceId : null };

    /// <summary>
    /// Saves; a unique violation means a concurrent duplicate add won the race, which is the idempotent outcome.
    /// </summary>
    /// <summary>The flag as the webhook event names it.</summary>
    public static string FlagName(int flag) => flag switch
    {
        Delete => "delete",
        Add => "add",
        Modify => "modify",
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

    /// <summary>Saves; a unique violation means a concurrent duplicate stored the same sync first.</summary>
    public static Task SaveIdempotentAsync(KooGateDbContext db, CancellationToken cancellationToken) => db.TrySaveAsync(cancellationToken);

    /// <summary>
    /// A list field sent either as a JSON array or as a string holding one (README decision 9). The string form may
    /// use bare keys (<c>[{orgCode:"1"}]</c>, as in the doc example); those are quoted before parsing.
    /// </summary>
    public static JsonDocument ReadList(RequestFields fields, string name, int maxItems)
    {
        if (!fields.Root.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            throw new FieldException(name, "is missing");
        }

        var document = value.ValueKind switch
        {
            JsonValueKind.Array => JsonDocument.Parse(value.GetRawText()),
            JsonValueKind.String => ParseListText(name, value.GetString()!),
            _ => throw new FieldException(name, "must be a JSON array"),
        };
        if (document.RootElement.GetArrayLength() > maxItems)
        {
            document.Dispose();
            throw new FieldException(name, $"holds more than {maxItems} items");
        }

        foreach (var item in document.RootElement.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Object)
            {
                document.Dispose();
                throw new FieldException(name, "must hold JSON objects");
            }
        }

        return document;
    }

    private static JsonDocument ParseListText(string name, string text)
    {
        foreach (var candidate in new[] { text, BareKey().Replace(text, "$1\"$2\"$3") })
        {
            try
            {
                var document = JsonDocument.Parse(candidate);
                if (document.RootElement.ValueKind == JsonValueKind.Array)
                {
                    return document;
                }

                document.Dispose();
            }
            catch (JsonException)
            {
            }
        }

        throw new FieldException(name, "must be a JSON array or a string holding one");
    }

    /// <summary>Reads one field of a list item, naming it <c>list[index].field</c> on failure.</summary>
    public static T Item<T>(string list, int index, Func<T> read)
    {
        try
        {
            return read();
        }
        catch (FieldException e)
        {
            throw new FieldException($"{list}[{index}].{e.Field}", e.Message[(e.Field.Length + 1)..]);
        }
    }

    [GeneratedRegex(@"([{,]\s*)([A-Za-z_][A-Za-z0-9_]*)(\s*:)")]
    private static partial Regex BareKey();
}

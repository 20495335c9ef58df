using KooGate.Server.Data;
using Microsoft.EntityFrameworkCore;

namespace KooGate.Server.Admin;

/// <summary>
/// Calls made by <c>koogate check</c> and <c>koogate load</c> carry ids starting with <c>KGCHECK</c>; lists hide them
/// unless asked, so that a conformance run does not bury real traffic.
/// </summary>
public static class Synthetic
{
    public const string Prefix = "KGCHECK";

    public static bool IsSynthetic(string? id) => id?.StartsWith(Prefix, StringComparison.Ordinal) == true;
}

/// <summary>What the instance lists (admin API and dashboard) can be narrowed by; every field is optional.</summary>
public sealed record InstanceFilter(
    InstanceState? State = null,
    string? Search = null,
    string? ProductId = null,
    string? CustomerId = null,
    DateTimeOffset? From = null,
    DateTimeOffset? To = null,
    bool? Test = false,
    bool IncludeSynthetic = false)
{
    /// <summary>Newest first.</summary>
    public IQueryable<InstanceRecord> Apply(KooGateDbContext db)
    {
        var query = db.Instances.AsNoTracking();
        query = State is null ? query : query.Where(i => i.State == State);
        if (Search is { } term)
        {
            query = query.Where(i => i.InstanceId.Contains(term) || i.OrderId.Contains(term));
        }

        query = ProductId is null ? query : query.Where(i => i.ProductId == ProductId);
        query = CustomerId is null ? query : query.Where(i => db.Orders.Any(o => o.InstanceId == i.InstanceId && o.CustomerId == CustomerId));
        query = From is null ? query : query.Where(i => i.CreatedAt >= From);
        query = To is null ? query : query.Where(i => i.CreatedAt < To);
        query = Test is null ? query : query.Where(i => i.IsTest == Test);
        query = IncludeSynthetic ? query : query.Where(i => !i.OrderId.StartsWith(Synthetic.Prefix) && !i.InstanceId.StartsWith(Synthetic.Prefix));
        return query.OrderByDescending(i => i.CreatedAt).ThenByDescending(i => i.InstanceId);
    }
}

/// <summary>What the callback-log lists can be narrowed by.</summary>
public sealed record CallbackFilter(
    string? OrderId = null,
    string? InstanceId = null,
    string? Activity = null,
    string? ResultCode = null,
    DateTimeOffset? From = null,
    DateTimeOffset? To = null,
    bool FailedOnly = false,
    bool IncludeSynthetic = false)
{
    /// <summary>Newest first.</summary>
    public IQueryable<CallbackLog> Apply(KooGateDbContext db)
    {
        var query = db.CallbackLogs.AsNoTracking();
        query = OrderId is null ? query : query.Where(c => c.OrderId == OrderId);
        query = InstanceId is null ? query : query.Where(c => c.InstanceId == InstanceId);
        query = Activity is null ? query : query.Where(c => c.Activity == Activity);
        query = ResultCode is null ? query : query.Where(c => c.ResultCode == ResultCode);
        query = From is null ? query : query.Where(c => c.ReceivedAt >= From);
        query = To is null ? query : query.Where(c => c.ReceivedAt < To);
        query = FailedOnly ? query.Where(c => c.ResultCode != "000000" && c.ResultCode != "000004") : query;
        query = IncludeSynthetic ? query : query.Where(NotSynthetic(db));
        return query.OrderByDescending(c => c.Id);
    }

    /// <summary>A call is synthetic when its order or instance is a checker's, or it acts on an instance a checker's order created.</summary>
    private static System.Linq.Expressions.Expression<Func<CallbackLog, bool>> NotSynthetic(KooGateDbContext db) => c =>
        (c.OrderId == null || !c.OrderId.StartsWith(Synthetic.Prefix))
        && (c.InstanceId == null || (!c.InstanceId.StartsWith(Synthetic.Prefix)
            && !db.Instances.Any(i => i.InstanceId == c.InstanceId && i.OrderId.StartsWith(Synthetic.Prefix))));

    /// <summary>Whether one row is synthetic by its own ids (the instance lookup is left to the query).</summary>
    public static bool LooksSynthetic(CallbackView c) => Synthetic.IsSynthetic(c.OrderId) || Synthetic.IsSynthetic(c.InstanceId);
}

/// <summary>What the delivery lists can be narrowed by.</summary>
public sealed record OutboxFilter(OutboxStatus? Status = null, string? InstanceId = null, string? Type = null)
{
    /// <summary>Newest first.</summary>
    public IQueryable<OutboxMessage> Apply(KooGateDbContext db)
    {
        var query = db.Outbox.AsNoTracking();
        query = Status is null ? query : query.Where(m => m.Status == Status);
        query = InstanceId is null ? query : query.Where(m => m.InstanceId == InstanceId);
        query = Type is null ? query : query.Where(m => m.Type == Type);
        return query.OrderByDescending(m => m.Sequence);
    }
}

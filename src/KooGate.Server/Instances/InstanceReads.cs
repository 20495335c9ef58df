using KooGate.Server.Configuration;
using KooGate.Server.Data;
using Microsoft.EntityFrameworkCore;

namespace KooGate.Server.Instances;

/// <summary>
/// The production interface's one read, <c>queryInstance</c> (SaaS V2 and V1): the non-released instances among the
/// ids asked, the <see cref="InstanceQuery">answer</see> they make and the listed ones' cumulative usage. Nothing is
/// tracked and no query is translated per call: each lookup is compiled once per provider.
/// </summary>
public sealed class InstanceReads(KooGateDbContext db, SecretProtector protector)
{
    /// <summary>
    /// Reads and decides for <paramref name="ids"/> (1 to 100, distinct). <paramref name="standIn"/>, when given,
    /// stands in for the ids not found (debug calls, saas-v2.md §7.6): nothing is stored for them.
    /// </summary>
    public Task<InstanceQuery> QueryAsync(IReadOnlyList<string> ids, Func<string, InstanceRecord>? standIn, CancellationToken cancellationToken) => db switch
    {
        SqliteKooGateDbContext sqlite => QueryAsync(sqlite, ids, standIn, cancellationToken),
        PostgresKooGateDbContext postgres => QueryAsync(postgres, ids, standIn, cancellationToken),
        var other => QueryAsync(other, ids, standIn, cancellationToken),
    };

    /// <summary>The instance's initial password, decrypted.</summary>
    public string? Password(InstanceRecord instance) =>
        instance.ProtectedPassword is null ? null : protector.Unprotect(instance.ProtectedPassword);

    private static async Task<InstanceQuery> QueryAsync<TContext>(
        TContext context, IReadOnlyList<string> ids, Func<string, InstanceRecord>? standIn, CancellationToken cancellationToken)
        where TContext : KooGateDbContext
    {
        var found = ids.Count == 1
            ? await Compiled<TContext>.One(context, ids[0]).ToListAsync(cancellationToken)
            : await Compiled<TContext>.Many(context, [.. ids]).ToListAsync(cancellationToken);
        if (standIn is not null)
        {
            found.AddRange(ids.Where(id => found.All(i => i.InstanceId != id)).Select(standIn));
        }

        var query = InstanceQuery.Decide(ids, found);
        return query.Listed.Count == 0
            ? query
            : query with { Usage = await Usage.UsageTotals.ForAsync(context, [.. query.Listed.Select(i => i.InstanceId)], cancellationToken) };
    }

    /// <summary>A compiled query belongs to one provider's model, hence one set per context type.</summary>
    private static class Compiled<TContext>
        where TContext : KooGateDbContext
    {
        public static readonly Func<TContext, string, IAsyncEnumerable<InstanceRecord>> One = EF.CompileAsyncQuery(
            (TContext db, string id) => db.Instances.AsNoTracking().Where(i => i.InstanceId == id && i.State != InstanceState.Released));

        public static readonly Func<TContext, string[], IAsyncEnumerable<InstanceRecord>> Many = EF.CompileAsyncQuery(
            (TContext db, string[] ids) => db.Instances.AsNoTracking().Where(i => ids.Contains(i.InstanceId) && i.State != InstanceState.Released));
    }
}

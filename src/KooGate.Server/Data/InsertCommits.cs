using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace KooGate.Server.Data;

/// <summary>
/// Group-committed inserts (<see cref="GroupCommit{TItem,TResult}"/>): each item is the new rows of one call, and a
/// batch of items goes to the database in one <c>SaveChanges</c>. A batch the database refuses is rolled back and
/// retried item by item, so a refusal (a repeated order's unique key, a bad row) is only ever the refused item's own.
/// </summary>
public sealed class InsertCommits : IAsyncDisposable
{
    private readonly IServiceScopeFactory _scopes;
    private readonly Action<IEnumerable<IReadOnlyList<object>>> _committed;
    private readonly GroupCommit<IReadOnlyList<object>, Exception?> _commits;

    /// <param name="committed">Told which items a batch committed (after the commit).</param>
    public InsertCommits(IServiceScopeFactory scopes, int maxBatch, Action<IEnumerable<IReadOnlyList<object>>>? committed = null)
    {
        _scopes = scopes;
        _committed = committed ?? (_ => { });
        _commits = new GroupCommit<IReadOnlyList<object>, Exception?>(CommitAsync, maxBatch);
    }

    /// <summary>Null once the rows are committed, else why the database refused them.</summary>
    public Task<Exception?> InsertAsync(IReadOnlyList<object> rows) => _commits.SubmitAsync(rows);

    public ValueTask DisposeAsync() => _commits.DisposeAsync();

    private async Task<Exception?[]> CommitAsync(IReadOnlyList<IReadOnlyList<object>> items)
    {
        var refused = await TryInsertAsync([.. items.SelectMany(rows => rows)]);
        if (refused is null || items.Count == 1)
        {
            _committed(refused is null ? items : []);
            return [.. items.Select(_ => refused)];
        }

        var results = new Exception?[items.Count];
        for (var i = 0; i < items.Count; i++)
        {
            results[i] = await TryInsertAsync(items[i]);
        }

        _committed(items.Where((_, i) => results[i] is null));
        return results;
    }

    private async Task<Exception?> TryInsertAsync(IReadOnlyList<object> rows)
    {
        await using var scope = _scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<KooGateDbContext>();
        try
        {
            db.AddRange(rows);
            await db.SaveChangesAsync();
            return null;
        }
        catch (Exception e)
        {
            // Rolled back (or, for an InvalidOperationException, two items of the batch share a key and nothing was
            // sent): forget keys the database generated for the rows, so a retry inserts them afresh.
            foreach (var row in rows)
            {
                ResetGeneratedKeys(db, row);
            }

            return e;
        }
    }

    private static void ResetGeneratedKeys(KooGateDbContext db, object row)
    {
        foreach (var key in db.Entry(row).Metadata.FindPrimaryKey()?.Properties ?? [])
        {
            if (key.ValueGenerated == ValueGenerated.OnAdd && key.PropertyInfo is { } property)
            {
                property.SetValue(row, Activator.CreateInstance(property.PropertyType));
            }
        }
    }
}

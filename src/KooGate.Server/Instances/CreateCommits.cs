using KooGate.Server.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace KooGate.Server.Instances;

/// <summary>
/// Group commit for purchases: the rows of concurrent creates (instance, events, order row, outbox event, purchase
/// details) are inserted in one transaction, so a burst of purchases shares one commit and writes each index page
/// once instead of once per call. A batch refused by a unique key (a repeated order, possibly from another process)
/// is retried create by create, so each call still learns on its own whether it created the instance.
/// </summary>
public sealed class CreateCommits : IAsyncDisposable
{
    private readonly IServiceScopeFactory _scopes;
    private readonly Outbox.OutboxDispatcher _dispatcher;
    private readonly GroupCommit<IReadOnlyList<object>, Exception?> _commits;

    public CreateCommits(IServiceScopeFactory scopes, Outbox.OutboxDispatcher dispatcher)
    {
        _scopes = scopes;
        _dispatcher = dispatcher;
        _commits = new GroupCommit<IReadOnlyList<object>, Exception?>(CommitAsync, maxBatch: 64);
    }

    /// <summary>Null once the rows are committed, else the database's refusal (a unique violation for a repeated order).</summary>
    public Task<Exception?> InsertAsync(IReadOnlyList<object> rows) => _commits.SubmitAsync(rows);

    public ValueTask DisposeAsync() => _commits.DisposeAsync();

    private async Task<Exception?[]> CommitAsync(IReadOnlyList<IReadOnlyList<object>> creates)
    {
        var refused = await TryInsertAsync([.. creates.SelectMany(c => c)]);
        if (refused is null || creates.Count == 1)
        {
            Woken(refused is null ? creates : []);
            return [.. creates.Select(_ => refused)];
        }

        var results = new Exception?[creates.Count];
        for (var i = 0; i < creates.Count; i++)
        {
            results[i] = await TryInsertAsync(creates[i]);
        }

        Woken([.. creates.Where((_, i) => results[i] is null)]);
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
        catch (Exception e) when (e is DbUpdateException or InvalidOperationException)
        {
            // InvalidOperationException: two creates of one batch share a key (the same order line twice), refused
            // before reaching the database; retried one by one, the second meets the first's unique key.
            // Rolled back: forget keys the database generated for the rows, so a retry inserts them afresh.
            foreach (var row in rows)
            {
                ResetGeneratedKeys(db, row);
            }

            return e;
        }
    }

    private static void ResetGeneratedKeys(KooGateDbContext db, object row)
    {
        var entry = db.Entry(row);
        foreach (var key in entry.Metadata.FindPrimaryKey()?.Properties ?? [])
        {
            if (key.ValueGenerated == ValueGenerated.OnAdd && key.PropertyInfo is { } property)
            {
                property.SetValue(row, Activator.CreateInstance(property.PropertyType));
            }
        }
    }

    private void Woken(IEnumerable<IReadOnlyList<object>> committed)
    {
        if (committed.Any(c => c.Any(row => row is OutboxMessage)))
        {
            _dispatcher.Wake();
        }
    }
}

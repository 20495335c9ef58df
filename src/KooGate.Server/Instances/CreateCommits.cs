using KooGate.Server.Data;

namespace KooGate.Server.Instances;

/// <summary>
/// Group commit for purchases: the rows of concurrent creates (instance, events, order row, outbox event, purchase
/// details) are inserted in one transaction, so a burst of purchases shares one commit and writes each index page
/// once instead of once per call. A batch refused by a unique key (a repeated order, possibly from another process)
/// is retried create by create (<see cref="InsertCommits"/>), so each call still learns on its own whether it created
/// the instance.
/// </summary>
public sealed class CreateCommits(IServiceScopeFactory scopes, Outbox.OutboxDispatcher dispatcher) : IAsyncDisposable
{
    private readonly InsertCommits _inserts = new(scopes, maxBatch: 64, committed: creates =>
    {
        if (creates.Any(rows => rows.Any(row => row is OutboxMessage)))
        {
            dispatcher.Wake();
        }
    });

    /// <summary>Null once the rows are committed, else the database's refusal (a unique violation for a repeated order).</summary>
    public Task<Exception?> InsertAsync(IReadOnlyList<object> rows) => _inserts.InsertAsync(rows);

    public ValueTask DisposeAsync() => _inserts.DisposeAsync();
}

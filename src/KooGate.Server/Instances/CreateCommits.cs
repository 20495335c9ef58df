using KooGate.Server.Data;

namespace KooGate.Server.Instances;

/// <summary>
/// Group commit for purchases (<see cref="HotPathWriter"/>): the rows of concurrent creates (instance, events, order
/// row, outbox event, purchase details) are inserted in one transaction, so a burst of purchases shares one commit
/// and writes each index page once instead of once per call. A batch refused by a unique key (a repeated order,
/// possibly from another process) is retried create by create, so each call still learns on its own whether it
/// created the instance.
/// </summary>
public sealed class CreateCommits(HotPathWriters writers, Outbox.OutboxDispatcher dispatcher)
{
    /// <summary>Null once the rows are committed, else the database's refusal (a unique violation for a repeated order).</summary>
    public async Task<Exception?> InsertAsync(IReadOnlyList<object> rows)
    {
        var refused = await writers.Purchases.InsertAsync(rows);
        if (refused is null && rows.Any(row => row is OutboxMessage))
        {
            dispatcher.Wake();
        }

        return refused;
    }
}

using KooGate.Server.Data;

namespace KooGate.Server.Produce;

/// <summary>
/// Commits callback-log entries through a <see cref="GroupCommit{TItem,TResult}"/>: each call still waits until its
/// entry is committed, but entries queued meanwhile share one transaction. A batch the database refuses is retried
/// entry by entry, so one bad row never costs the others.
/// </summary>
public sealed class CallbackLogWriter : IAsyncDisposable
{
    private readonly IServiceScopeFactory _scopes;
    private readonly ILogger<CallbackLogWriter> _logger;
    private readonly GroupCommit<CallbackLog, bool> _commits;

    public CallbackLogWriter(IServiceScopeFactory scopes, ILogger<CallbackLogWriter> logger)
    {
        _scopes = scopes;
        _logger = logger;
        _commits = new GroupCommit<CallbackLog, bool>(CommitAsync, maxBatch: 512);
    }

    /// <summary>True once the entry is committed; false (already logged as an error) when the database refused it.</summary>
    public Task<bool> WriteAsync(CallbackLog entry) => _commits.SubmitAsync(entry);

    public ValueTask DisposeAsync() => _commits.DisposeAsync();

    private async Task<bool[]> CommitAsync(IReadOnlyList<CallbackLog> entries)
    {
        var refused = await TrySaveAsync(entries);
        if (refused is null)
        {
            return [.. entries.Select(_ => true)];
        }

        if (entries.Count == 1)
        {
            LogLost(refused, entries[0]);
            return [false];
        }

        _logger.LogWarning(refused, "callback log batch of {Count} refused; writing its entries one by one", entries.Count);
        var results = new bool[entries.Count];
        for (var i = 0; i < entries.Count; i++)
        {
            entries[i].Id = 0;
            var error = await TrySaveAsync([entries[i]]);
            if (error is not null)
            {
                LogLost(error, entries[i]);
            }

            results[i] = error is null;
        }

        return results;
    }

    /// <summary>Null when committed, else why not.</summary>
    private async Task<Exception?> TrySaveAsync(IReadOnlyList<CallbackLog> entries)
    {
        try
        {
            await using var scope = _scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<KooGateDbContext>();
            db.CallbackLogs.AddRange(entries);
            await db.SaveChangesAsync();
            return null;
        }
        catch (Exception e)
        {
            // Whatever the cause, the call has been answered already: log it as lost (below), never fail the call.
            return e;
        }
    }

    private void LogLost(Exception e, CallbackLog entry) =>
        _logger.LogError(e, "could not record callback {Family} {Activity} {ResultCode}", entry.Family, entry.Activity, entry.ResultCode);
}

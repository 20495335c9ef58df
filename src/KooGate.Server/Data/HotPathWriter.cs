using System.Data.Common;
using System.Text;
using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace KooGate.Server.Data;

/// <summary>
/// Group commit for the production interface's writes (nonces, purchases, callback-log entries): callers hand over
/// their rows and wait; one loop on one long-lived connection commits everything queued meanwhile in one
/// transaction, then answers each caller. With nothing queued a hand-over is committed at once (no timer). Each part
/// of a batch runs inside its own savepoint, and a refused group of rows is retried call by call, so one call's
/// failure is only ever its own; a failed COMMIT fails the whole batch, and nothing is acknowledged before COMMIT.
/// On SQLite one writer serves every kind (<see cref="HotPathWriters"/>): writers on separate connections would
/// queue on SQLite's single write lock and sleep in its busy handler.
/// </summary>
public sealed class HotPathWriter : IAsyncDisposable
{
    private const int MaxBatch = 512;

    private readonly Channel<Pending> _queue = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = true });
    private readonly IServiceScopeFactory _scopes;
    private readonly ILogger _logger;
    private readonly Lock _startLock = new();
    private Task? _loop;
    private AsyncServiceScope? _scope;
    private KooGateDbContext? _db;
    private HotPathWriterInserts? _inserts;

    public HotPathWriter(IServiceScopeFactory scopes, ILogger logger)
    {
        _scopes = scopes;
        _logger = logger;
    }

    private long _commits;

    /// <summary>How many transactions the writer has committed (each holding one batch).</summary>
    public long Commits => Interlocked.Read(ref _commits);

    /// <summary>
    /// Records <paramref name="nonce"/> (already scoped, e.g. <c>Basic:abc</c>): true when it was new, false when it
    /// had been recorded before (by this process or another), once the transaction holding it has committed.
    /// </summary>
    public Task<bool> TryRecordNonceAsync(string nonce, DateTimeOffset seenAt) =>
        Submit(new Pending(new SeenNonce { Nonce = nonce, SeenAt = seenAt }, null));

    /// <summary>Inserts one call's new entities; null once they are committed, else why the database refused them.</summary>
    public async Task<Exception?> InsertAsync(IReadOnlyList<object> rows)
    {
        try
        {
            await Submit(new Pending(null, rows));
            return null;
        }
        catch (Exception e)
        {
            return e is RowsRefusedException ? e.InnerException : e;
        }
    }

    /// <summary>Stops taking items and waits until everything already handed over is committed.</summary>
    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        if (_loop is not null)
        {
            await _loop;
        }

        await CloseAsync();
    }

    private Task<bool> Submit(Pending pending)
    {
        if (_loop is null)
        {
            lock (_startLock)
            {
                _loop ??= Task.Run(RunAsync);
            }
        }

        return _queue.Writer.TryWrite(pending)
            ? pending.Done.Task
            : Task.FromException<bool>(new ObjectDisposedException(nameof(HotPathWriter)));
    }

    private async Task RunAsync()
    {
        var batch = new List<Pending>(MaxBatch);
        while (await _queue.Reader.WaitToReadAsync())
        {
            while (batch.Count < MaxBatch && _queue.Reader.TryRead(out var pending))
            {
                batch.Add(pending);
            }

            await CommitAsync(batch);
            batch.Clear();
        }
    }

    private async Task CommitAsync(List<Pending> batch)
    {
        var outcomes = new Outcome[batch.Count];
        try
        {
            var db = await OpenAsync();
            await using var transaction = await db.Database.BeginTransactionAsync();
            await RecordNoncesAsync(db, transaction, batch, outcomes);
            await InsertRowsAsync(db, _inserts!, transaction, batch, outcomes);
            await transaction.CommitAsync();
            Interlocked.Increment(ref _commits);
        }
        catch (Exception e)
        {
            // Nothing of the batch is known to be committed: every caller fails (they answer 000005, KooGallery retries).
            _logger.LogError(e, "a hot-path batch of {Count} could not be committed", batch.Count);
            await CloseAsync();
            foreach (var pending in batch)
            {
                pending.Done.TrySetException(e);
            }

            return;
        }

        for (var i = 0; i < batch.Count; i++)
        {
            _ = outcomes[i].Error is { } error
                ? batch[i].Done.TrySetException(error)
                : batch[i].Done.TrySetResult(outcomes[i].Fresh);
        }
    }

    /// <summary>One <c>INSERT … ON CONFLICT DO NOTHING RETURNING</c> for all nonces: no exception for a replay.</summary>
    private static async Task RecordNoncesAsync(KooGateDbContext db, IDbContextTransaction transaction, List<Pending> batch, Outcome[] outcomes)
    {
        // A nonce twice in one batch: only its first occurrence can be new.
        var firstIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < batch.Count; i++)
        {
            if (batch[i].Nonce is { } nonce)
            {
                firstIndex.TryAdd(nonce.Nonce, i);
            }
        }

        if (firstIndex.Count == 0)
        {
            return;
        }

        // The instant as the provider stores it (SQLite: binary ticks; PostgreSQL: timestamptz as is).
        var seenAt = db.Model.FindEntityType(typeof(SeenNonce))!.FindProperty(nameof(SeenNonce.SeenAt))!.GetTypeMapping().Converter;
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.Transaction = transaction.GetDbTransaction();
        var sql = new StringBuilder("""INSERT INTO "SeenNonces" ("Nonce", "SeenAt") VALUES """);
        var n = 0;
        foreach (var (nonce, index) in firstIndex)
        {
            sql.Append(n == 0 ? "" : ", ").Append($"(@n{n}, @t{n})");
            AddParameter(command, $"@n{n}", nonce);
            AddParameter(command, $"@t{n}", seenAt?.ConvertToProvider(batch[index].Nonce!.SeenAt) ?? batch[index].Nonce!.SeenAt);
            n++;
        }

        command.CommandText = sql.Append(""" ON CONFLICT DO NOTHING RETURNING "Nonce" """).ToString();
        var inserted = new HashSet<string>(StringComparer.Ordinal);
        await transaction.CreateSavepointAsync("nonces");
        try
        {
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                inserted.Add(reader.GetString(0));
            }
        }
        catch (DbException e)
        {
            await transaction.RollbackToSavepointAsync("nonces");
            foreach (var index in firstIndex.Values)
            {
                outcomes[index] = new Outcome(false, e);
            }

            return;
        }

        for (var i = 0; i < batch.Count; i++)
        {
            if (batch[i].Nonce is { } nonce)
            {
                outcomes[i] = new Outcome(firstIndex[nonce.Nonce] == i && inserted.Contains(nonce.Nonce), null);
            }
        }
    }

    /// <summary>All calls' rows in one savepoint; when the database refuses them, call by call.</summary>
    private static async Task InsertRowsAsync(KooGateDbContext db, HotPathWriterInserts inserts, IDbContextTransaction transaction, List<Pending> batch, Outcome[] outcomes)
    {
        var indexes = Enumerable.Range(0, batch.Count).Where(i => batch[i].Rows is not null).ToList();
        if (indexes.Count == 0 || await TrySaveAsync(db, inserts, transaction, indexes.SelectMany(i => batch[i].Rows!).ToList()) is not { } refused)
        {
            return;
        }

        if (indexes.Count == 1)
        {
            outcomes[indexes[0]] = new Outcome(false, new RowsRefusedException(refused));
            return;
        }

        foreach (var i in indexes)
        {
            if (await TrySaveAsync(db, inserts, transaction, batch[i].Rows!) is { } own)
            {
                outcomes[i] = new Outcome(false, new RowsRefusedException(own));
            }
        }
    }

    /// <summary>
    /// The rows through the prepared inserts (<see cref="HotPathWriterInserts"/>), or EF's <c>SaveChanges</c> when a
    /// row's type is not covered there.
    /// </summary>
    private static async Task<Exception?> TrySaveAsync(KooGateDbContext db, HotPathWriterInserts inserts, IDbContextTransaction transaction, IReadOnlyList<object> rows)
    {
        await transaction.CreateSavepointAsync("rows");
        try
        {
            if (inserts.Supports(rows))
            {
                await inserts.InsertAsync(rows, transaction.GetDbTransaction());
            }
            else
            {
                db.AddRange(rows);
                await db.SaveChangesAsync();
            }

            await transaction.ReleaseSavepointAsync("rows");
            return null;
        }
        catch (Exception e) when (e is DbUpdateException or InvalidOperationException)
        {
            // Rolled back (or, for an InvalidOperationException, two rows share a key and nothing was sent): forget
            // keys the database generated, so a retry inserts the rows afresh.
            await transaction.RollbackToSavepointAsync("rows");
            foreach (var row in rows)
            {
                ResetGeneratedKeys(db, row);
            }

            return e;
        }
        finally
        {
            db.ChangeTracker.Clear();
        }
    }

    private static void ResetGeneratedKeys(KooGateDbContext db, object row)
    {
        foreach (var key in db.Model.FindEntityType(row.GetType())?.FindPrimaryKey()?.Properties ?? [])
        {
            if (key.ValueGenerated == ValueGenerated.OnAdd && key.PropertyInfo is { } property)
            {
                property.SetValue(row, Activator.CreateInstance(property.PropertyType));
            }
        }
    }

    /// <summary>The writer's own context and connection, kept open between batches (reopened after a failure).</summary>
    private async Task<KooGateDbContext> OpenAsync()
    {
        if (_db is null)
        {
            _scope = _scopes.CreateAsyncScope();
            _db = _scope.Value.ServiceProvider.GetRequiredService<KooGateDbContext>();
            _db.Database.AutoSavepointsEnabled = false;
            await _db.Database.OpenConnectionAsync();
            _inserts = new HotPathWriterInserts(_db);
        }

        return _db;
    }

    private async Task CloseAsync()
    {
        if (_scope is { } scope)
        {
            _db = null;
            _inserts = null;
            _scope = null;
            await scope.DisposeAsync();
        }
    }

    private static void AddParameter(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }

    private sealed record Pending(SeenNonce? Nonce, IReadOnlyList<object>? Rows)
    {
        public TaskCompletionSource<bool> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    private readonly record struct Outcome(bool Fresh, Exception? Error);

    /// <summary>The database refused one call's rows (the batch's other calls are unaffected).</summary>
    private sealed class RowsRefusedException(Exception inner) : Exception(inner.Message, inner);
}

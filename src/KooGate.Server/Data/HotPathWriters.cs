namespace KooGate.Server.Data;

/// <summary>
/// The <see cref="HotPathWriter"/> each kind of production-interface write goes through. SQLite has one write lock per
/// database, so one writer (one connection, one transaction per batch) serves nonces, purchases and callback-log
/// entries alike; PostgreSQL locks rows, so each kind gets its own writer and their commits overlap.
/// </summary>
public sealed class HotPathWriters : IAsyncDisposable
{
    private readonly HotPathWriter[] _all;

    public HotPathWriters(IServiceScopeFactory scopes, DatabaseSetup.ResolvedConnection connection, ILogger<HotPathWriter> logger)
    {
        Nonces = new HotPathWriter(scopes, logger);
        Purchases = connection.IsSqlite ? Nonces : new HotPathWriter(scopes, logger);
        CallbackLog = connection.IsSqlite ? Nonces : new HotPathWriter(scopes, logger);
        _all = [.. new[] { Nonces, Purchases, CallbackLog }.Distinct()];
    }

    public HotPathWriter Nonces { get; }

    public HotPathWriter Purchases { get; }

    public HotPathWriter CallbackLog { get; }

    /// <summary>Stops taking items and commits what was already handed over.</summary>
    public async ValueTask DisposeAsync()
    {
        foreach (var writer in _all)
        {
            await writer.DisposeAsync();
        }
    }
}

using System.Collections.Concurrent;

namespace KooGate.Server.Data;

/// <summary>
/// SQLite admits one writer at a time. Writers that collide inside SQLite back off in its busy handler with sleeps
/// of 1 to 100 ms, so under concurrent calls most of a request's time was spent asleep (docs/benchmarks.md). Queuing
/// this process's writes here instead hands the write lock over at once; one gate per database file.
/// </summary>
internal static class SqliteWriteGate
{
    private static readonly ConcurrentDictionary<string, SemaphoreSlim> Gates = new(StringComparer.Ordinal);

    public static async Task<T> RunAsync<T>(string? connectionString, Func<Task<T>> write, CancellationToken cancellationToken)
    {
        var gate = Gates.GetOrAdd(connectionString ?? string.Empty, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await write().ConfigureAwait(false);
        }
        finally
        {
            gate.Release();
        }
    }

    public static T Run<T>(string? connectionString, Func<T> write)
    {
        var gate = Gates.GetOrAdd(connectionString ?? string.Empty, _ => new SemaphoreSlim(1, 1));
        gate.Wait();
        try
        {
            return write();
        }
        finally
        {
            gate.Release();
        }
    }
}

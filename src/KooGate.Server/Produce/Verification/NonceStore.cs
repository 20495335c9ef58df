using System.Data.Common;
using System.Text;
using KooGate.Server.Data;
using Microsoft.EntityFrameworkCore;

namespace KooGate.Server.Produce.Verification;

/// <summary>
/// Replay protection shared by every server process: a verified nonce is inserted under a unique key; a second
/// insert of the same nonce inserts nothing and the request is refused (README decision 1). Inserts are group
/// committed: the nonces of concurrent calls go to the database in one statement, and each call learns from its
/// <c>RETURNING</c> rows whether its nonce was new.
/// </summary>
public sealed class NonceStore : IAsyncDisposable
{
    private const int MaxBatch = 256;

    private readonly IServiceScopeFactory _scopes;
    private readonly GroupCommit<SeenNonce, bool> _commits;

    public NonceStore(IServiceScopeFactory scopes)
    {
        _scopes = scopes;
        _commits = new GroupCommit<SeenNonce, bool>(InsertAsync, MaxBatch);
    }

    /// <summary>True when the nonce was new (and is now recorded), false for a replay.</summary>
    public Task<bool> TryRecordAsync(string scope, string nonce, DateTimeOffset now) =>
        _commits.SubmitAsync(new SeenNonce { Nonce = $"{scope}:{nonce}", SeenAt = now });

    public ValueTask DisposeAsync() => _commits.DisposeAsync();

    /// <summary>Nonces older than twice the window can no longer pass the timestamp check; forget them.</summary>
    public static Task<int> PurgeAsync(KooGateDbContext db, DateTimeOffset olderThan, CancellationToken cancellationToken) =>
        db.SeenNonces.Where(n => n.SeenAt < olderThan).ExecuteDeleteAsync(cancellationToken);

    private async Task<bool[]> InsertAsync(IReadOnlyList<SeenNonce> nonces)
    {
        await using var scope = _scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<KooGateDbContext>();
        // The instant as the provider stores it, from the model (SQLite: binary ticks, KooGateDbContext; PostgreSQL:
        // timestamptz as is).
        var seenAt = db.Model.FindEntityType(typeof(SeenNonce))!.FindProperty(nameof(SeenNonce.SeenAt))!.GetTypeMapping().Converter;

        // A nonce twice in one batch: only its first occurrence can be new.
        var firstIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < nonces.Count; i++)
        {
            firstIndex.TryAdd(nonces[i].Nonce, i);
        }

        await db.Database.OpenConnectionAsync();
        try
        {
            return await InsertAsync(db.Database.GetDbConnection(), at => seenAt?.ConvertToProvider(at) ?? at, nonces, firstIndex);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private static async Task<bool[]> InsertAsync(
        DbConnection connection, Func<DateTimeOffset, object> stored, IReadOnlyList<SeenNonce> nonces, Dictionary<string, int> firstIndex)
    {
        await using var command = connection.CreateCommand();
        // ON CONFLICT DO NOTHING … RETURNING exists in SQLite (3.35+) and PostgreSQL alike: no exception for a replay,
        // and a nonce another process recorded first is simply not returned.
        var sql = new StringBuilder("""INSERT INTO "SeenNonces" ("Nonce", "SeenAt") VALUES """);
        var n = 0;
        foreach (var (nonce, index) in firstIndex)
        {
            sql.Append(n == 0 ? "" : ", ").Append($"(@n{n}, @t{n})");
            AddParameter(command, $"@n{n}", nonce);
            AddParameter(command, $"@t{n}", stored(nonces[index].SeenAt));
            n++;
        }

        command.CommandText = sql.Append(""" ON CONFLICT DO NOTHING RETURNING "Nonce" """).ToString();
        var inserted = new HashSet<string>(StringComparer.Ordinal);
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                inserted.Add(reader.GetString(0));
            }
        }

        return [.. nonces.Select((nonce, i) => firstIndex[nonce.Nonce] == i && inserted.Contains(nonce.Nonce))];
    }

    private static void AddParameter(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }
}

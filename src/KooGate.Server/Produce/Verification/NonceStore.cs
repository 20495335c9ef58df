using KooGate.Server.Data;
using Microsoft.EntityFrameworkCore;

namespace KooGate.Server.Produce.Verification;

/// <summary>
/// Replay protection shared by every server process: a verified nonce is inserted under a unique key; a second
/// insert of the same nonce inserts nothing and the request is refused (README decision 1). Inserts are group
/// committed (<see cref="HotPathWriter"/>): the nonces of concurrent calls go to the database in one statement, and
/// each call learns from its <c>RETURNING</c> rows whether its nonce was new.
/// </summary>
public sealed class NonceStore(HotPathWriters writers)
{
    /// <summary>True when the nonce was new (and is now recorded), false for a replay.</summary>
    public Task<bool> TryRecordAsync(string scope, string nonce, DateTimeOffset now) =>
        writers.Nonces.TryRecordNonceAsync($"{scope}:{nonce}", now);

    /// <summary>Nonces older than twice the window can no longer pass the timestamp check; forget them.</summary>
    public static Task<int> PurgeAsync(KooGateDbContext db, DateTimeOffset olderThan, CancellationToken cancellationToken) =>
        db.SeenNonces.Where(n => n.SeenAt < olderThan).ExecuteDeleteAsync(cancellationToken);
}

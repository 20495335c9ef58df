using KooGate.Server.Data;
using Microsoft.EntityFrameworkCore;

namespace KooGate.Server.Produce.Verification;

/// <summary>
/// Replay protection shared by every server process: a verified nonce is inserted under a unique key; a second
/// insert of the same nonce fails and the request is refused (README decision 1).
/// </summary>
public sealed class NonceStore(KooGateDbContext db)
{
    public async Task<bool> TryRecordAsync(string scope, string nonce, DateTimeOffset now, CancellationToken cancellationToken)
    {
        db.SeenNonces.Add(new SeenNonce { Nonce = $"{scope}:{nonce}", SeenAt = now });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateException e) when (DatabaseErrors.IsUniqueViolation(e))
        {
            db.ChangeTracker.Clear();
            return false;
        }
    }

    /// <summary>Nonces older than twice the window can no longer pass the timestamp check; forget them.</summary>
    public static Task<int> PurgeAsync(KooGateDbContext db, DateTimeOffset olderThan, CancellationToken cancellationToken) =>
        db.SeenNonces.Where(n => n.SeenAt < olderThan).ExecuteDeleteAsync(cancellationToken);
}

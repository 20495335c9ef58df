using Microsoft.EntityFrameworkCore;

namespace KooGate.Server.Data;

internal static class DatabaseErrors
{
    /// <summary>True when the save failed on a unique constraint: someone else inserted the same key first.</summary>
    public static bool IsUniqueViolation(DbUpdateException exception) => exception.InnerException switch
    {
        Microsoft.Data.Sqlite.SqliteException sqlite => sqlite.SqliteErrorCode == 19,
        Npgsql.PostgresException postgres => postgres.SqlState == Npgsql.PostgresErrorCodes.UniqueViolation,
        _ => false,
    };

    /// <summary>
    /// Saves, and answers false when a concurrent writer got there first: a unique key refused the save (the same
    /// thing was stored meanwhile) or, with <paramref name="orStale"/>, a row it changes was changed meanwhile (its
    /// version check failed). Nothing of this unit of work is then saved and the change tracker is cleared, so the
    /// caller can read what the other writer stored. Any other failure is thrown.
    /// </summary>
    public static async Task<bool> TrySaveAsync(this DbContext db, CancellationToken cancellationToken, bool orStale = false)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateException e) when (IsUniqueViolation(e) || (orStale && e is DbUpdateConcurrencyException))
        {
            db.ChangeTracker.Clear();
            return false;
        }
    }
}

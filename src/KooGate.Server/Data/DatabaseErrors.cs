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
}

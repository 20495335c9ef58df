using KooGate.Server.Data;

namespace KooGate.Server.Produce;

/// <summary>
/// Commits callback-log entries through <see cref="HotPathWriter"/>: each call still waits until its entry is
/// committed, but entries queued meanwhile share one transaction, and one bad row never costs the others.
/// </summary>
public sealed class CallbackLogWriter(HotPathWriters writers, ILogger<CallbackLogWriter> logger)
{
    /// <summary>True once the entry is committed; false (logged as an error) when it could not be stored.</summary>
    public async Task<bool> WriteAsync(CallbackLog entry)
    {
        // Whatever the cause, the call has been answered already: the entry is logged as lost, the call never fails.
        Exception? refused;
        try
        {
            refused = await writers.CallbackLog.InsertAsync([entry]);
        }
        catch (Exception e)
        {
            refused = e;
        }

        if (refused is not null)
        {
            logger.LogError(refused, "could not record callback {Family} {Activity} {ResultCode}", entry.Family, entry.Activity, entry.ResultCode);
        }

        return refused is null;
    }
}

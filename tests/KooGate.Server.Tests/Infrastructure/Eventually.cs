namespace KooGate.Server.Tests.Infrastructure;

/// <summary>Waits (in real time, bounded) for background work: the outbox dispatcher and other workers.</summary>
public static class Eventually
{
    /// <summary>
    /// Polls the condition until it holds; <paramref name="tick"/> runs before each poll (e.g. advancing the fake
    /// clock so a worker's sleep or a backoff ends).
    /// </summary>
    public static async Task UntilAsync(Func<Task<bool>> condition, string what, Action? tick = null, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(15));
        while (DateTime.UtcNow < deadline)
        {
            tick?.Invoke();
            if (await condition())
            {
                return;
            }

            await Task.Delay(20);
        }

        Assert.Fail($"timed out waiting for {what}");
    }
}

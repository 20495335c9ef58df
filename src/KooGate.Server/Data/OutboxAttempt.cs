namespace KooGate.Server.Data;

/// <summary>What one delivery attempt led to.</summary>
public enum OutboxAttemptOutcome
{
    Delivered,

    /// <summary>Failed; another attempt follows after the backoff.</summary>
    Retrying,

    /// <summary>Failed and the attempt budget is spent: the message is dead until redelivered.</summary>
    Dead,
}

/// <summary>
/// One attempt to deliver an outbox message, written with the message's new state in one transaction. Purged with
/// delivered messages and after <see cref="Configuration.RetentionOptions.DeliveryAttemptDays"/>.
/// </summary>
public sealed class OutboxAttempt
{
    public long Id { get; set; }

    /// <summary>The message's event id (<see cref="OutboxMessage.Id"/>).</summary>
    public Guid MessageId { get; set; }

    /// <summary>1 for the first attempt; a redelivery starts counting again.</summary>
    public int Attempt { get; set; }

    public DateTimeOffset StartedAt { get; set; }

    public double DurationMilliseconds { get; set; }

    /// <summary>The receiver's HTTP status; null when no answer came (timeout, refused connection, no URL).</summary>
    public int? StatusCode { get; set; }

    public string? Error { get; set; }

    public OutboxAttemptOutcome Outcome { get; set; }
}

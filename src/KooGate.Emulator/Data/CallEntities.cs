namespace KooGate.Emulator.Data;

public enum DeliveryState
{
    /// <summary>Waiting for its next attempt.</summary>
    Pending,

    /// <summary>Create answered 000004: queryInstance is polled until the instance is reported.</summary>
    Polling,
    Succeeded,

    /// <summary>The schedule ended without success; a manual restart is possible.</summary>
    Failed,
}

/// <summary>
/// One call the marketplace must get through to a production interface (one scenario for one resource), with its
/// retry schedule. Each attempt is signed afresh (new businessId, nonce and timestamp).
/// </summary>
public sealed class DeliveryJob
{
    public long Id { get; set; }

    public string ResourceId { get; set; } = string.Empty;

    /// <summary>The order that caused the call, if any.</summary>
    public string? OrderId { get; set; }

    /// <summary>The wire activity (<c>newInstance</c>, <c>expireInstance</c>, …) or the Kit interface name.</summary>
    public string Activity { get; set; } = string.Empty;

    public bool Kit { get; set; }

    public InterfaceVersion Version { get; set; }

    /// <summary>The business fields of the call (JSON object of strings, or the Kit body), signed per attempt.</summary>
    public string PayloadJson { get; set; } = "{}";

    public DeliveryState State { get; set; }

    public int Attempts { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? NextAttemptAt { get; set; }

    /// <summary>After this instant a failed attempt ends the schedule.</summary>
    public DateTimeOffset DeadlineAt { get; set; }

    public int IntervalSeconds { get; set; }

    public int PollIntervalSeconds { get; set; }

    /// <summary>A purchase or upgrade: giving up fails the order and refunds it.</summary>
    public bool FailsOrder { get; set; }

    /// <summary>A probe (拨测): the replay of this saved debug case, one attempt, no effect on orders or resources.</summary>
    public long? DebugCaseId { get; set; }

    public string? LastVerdict { get; set; }

    public DateTimeOffset? CompletedAt { get; set; }

    public List<CallAttempt> Calls { get; set; } = [];
}

/// <summary>One HTTP exchange with a production interface, as sent and received, and what the marketplace made of it.</summary>
public sealed class CallAttempt
{
    public long Id { get; set; }

    public long DeliveryId { get; set; }

    public DateTimeOffset At { get; set; }

    public string Activity { get; set; } = string.Empty;

    public string Method { get; set; } = string.Empty;

    public string Url { get; set; } = string.Empty;

    public string RequestHeaders { get; set; } = string.Empty;

    public string? RequestBody { get; set; }

    public int? HttpStatus { get; set; }

    public string? ResponseHeaders { get; set; }

    public string? ResponseBody { get; set; }

    public long DurationMs { get; set; }

    public string Verdict { get; set; } = string.Empty;

    public string? ResultCode { get; set; }

    public string? Detail { get; set; }
}

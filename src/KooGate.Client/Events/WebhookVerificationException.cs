namespace KooGate.Client.Events;

/// <summary>Why a delivery was refused; answer it with HTTP 400 (KooGate retries only on failure, so nothing is lost).</summary>
public enum WebhookFailure
{
    /// <summary><c>webhook-id</c>, <c>webhook-timestamp</c> or <c>webhook-signature</c> is missing.</summary>
    MissingHeader,

    /// <summary><c>webhook-timestamp</c> is not Unix seconds.</summary>
    InvalidTimestamp,

    /// <summary>The timestamp is further from now than the tolerance (a replay, or a badly wrong clock).</summary>
    TimestampOutsideTolerance,

    /// <summary>No <c>v1</c> signature matches any configured secret: wrong secret, or the body was altered.</summary>
    SignatureMismatch,

    /// <summary>The body is signed but is not a KooGate event (not JSON, or its fields do not fit the type).</summary>
    InvalidPayload,
}

public sealed class WebhookVerificationException(WebhookFailure failure, string message, Exception? inner = null) : Exception(message, inner)
{
    public WebhookFailure Failure { get; } = failure;
}

using KooGate.Server.Background;
using KooGate.Server.Configuration;
using KooGate.Server.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace KooGate.Server.Outbox;

/// <summary>
/// Delivers outbox events to the seller's webhook, at least once. Several server processes may run it against one
/// database: each message is claimed with a lease (<see cref="OutboxMessage.LockedUntil"/>) by a conditional update,
/// so only one process sends it at a time. Events of one instance go out in order: a message waits while an older
/// one of the same instance is still pending. Failures back off exponentially; after
/// <see cref="WebhookOptions.MaxAttempts"/> the message is dead until redelivered from the admin API.
/// Every attempt is recorded (<see cref="OutboxAttempt"/>) with the message's new state.
/// </summary>
public sealed class OutboxDispatcher(
    IServiceScopeFactory scopes,
    IHttpClientFactory httpClients,
    IOptions<KooGateOptions> options,
    TimeProvider time,
    ILogger<OutboxDispatcher> logger,
    Observability.KooGateMetrics metrics,
    Products.ProductSettings products) : PeriodicWorker(time, logger)
{
    public const string HttpClientName = "KooGate.Webhook";

    private const int BatchSize = 32;

    private WebhookOptions Settings => options.Value.Webhook;

    /// <summary>How long a claimed message is reserved; a process killed mid-delivery delays it by at most this.</summary>
    private TimeSpan Lease => TimeSpan.FromSeconds(Settings.LeaseSeconds);

    protected override TimeSpan Interval => TimeSpan.FromMilliseconds(Math.Max(50, Settings.PollIntervalMilliseconds));

    protected override async Task<bool> RunOnceAsync(CancellationToken cancellationToken)
    {
        if (!products.AnyWebhook)
        {
            return false;
        }

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<KooGateDbContext>();
        var now = Time.GetUtcNow();

        // Held events whose order details did not arrive in time go out without them (instance.order_details follows).
        await db.Outbox.Where(m => m.Status == OutboxStatus.Held && m.HeldUntil <= now)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.Status, OutboxStatus.Pending).SetProperty(m => m.NextAttemptAt, now), cancellationToken);
        var due = await db.Outbox.AsNoTracking()
            .Where(m => m.Status == OutboxStatus.Pending && m.NextAttemptAt <= now && (m.LockedUntil == null || m.LockedUntil < now))
            .Where(m => m.InstanceId == null || !db.Outbox.Any(o =>
                o.InstanceId == m.InstanceId && (o.Status == OutboxStatus.Pending || o.Status == OutboxStatus.Held) && o.Sequence < m.Sequence))
            .OrderBy(m => m.Sequence)
            .Select(m => m.Sequence)
            .Take(BatchSize)
            .ToListAsync(cancellationToken);

        var delivered = 0;
        foreach (var id in due)
        {
            var claimed = await db.Outbox
                .Where(m => m.Sequence == id && m.Status == OutboxStatus.Pending && (m.LockedUntil == null || m.LockedUntil < now))
                .ExecuteUpdateAsync(s => s.SetProperty(m => m.LockedUntil, now + Lease), cancellationToken);
            if (claimed == 1)
            {
                await DeliverAsync(db, id, cancellationToken);
                delivered++;
            }
        }

        return delivered == BatchSize;
    }

    private async Task DeliverAsync(KooGateDbContext db, long sequence, CancellationToken cancellationToken)
    {
        db.ChangeTracker.Clear();
        var message = await db.Outbox.SingleAsync(m => m.Sequence == sequence, cancellationToken);
        var productId = message.InstanceId is null ? null
            : await db.Instances.AsNoTracking().Where(i => i.InstanceId == message.InstanceId).Select(i => i.ProductId).FirstOrDefaultAsync(cancellationToken);
        var target = products.For(productId).Webhook;
        var startedAt = Time.GetUtcNow();
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var result = target is null
            ? new SendResult(null, $"no webhook URL is configured for product {productId ?? "(unknown)"}")
            : await SendAsync(message, target, cancellationToken);
        var duration = System.Diagnostics.Stopwatch.GetElapsedTime(started);
        var now = Time.GetUtcNow();
        message.Attempts++;
        message.LockedUntil = null;
        OutboxAttemptOutcome outcome;
        if (result.Error is null)
        {
            outcome = OutboxAttemptOutcome.Delivered;
            message.Status = OutboxStatus.Delivered;
            message.DeliveredAt = now;
            message.LastError = null;
            metrics.RecordDelivery(message.Type, "delivered");
        }
        else
        {
            message.LastError = result.Error;
            if (message.Attempts >= Settings.MaxAttempts)
            {
                outcome = OutboxAttemptOutcome.Dead;
                message.Status = OutboxStatus.Dead;
                metrics.RecordDelivery(message.Type, "dead");
                logger.LogWarning("Webhook event {EventId} ({Type}) dead after {Attempts} attempts: {Error}", message.Id, message.Type, message.Attempts, result.Error);
            }
            else
            {
                outcome = OutboxAttemptOutcome.Retrying;
                message.NextAttemptAt = now + Backoff(message.Attempts);
                metrics.RecordDelivery(message.Type, "failed");
            }
        }

        db.OutboxAttempts.Add(new OutboxAttempt
        {
            MessageId = message.Id,
            Attempt = message.Attempts,
            StartedAt = startedAt,
            DurationMilliseconds = duration.TotalMilliseconds,
            StatusCode = result.StatusCode,
            Error = result.Error is { Length: > KooGateDbContext.OutboxAttemptErrorLength } text ? text[..KooGateDbContext.OutboxAttemptErrorLength] : result.Error,
            Outcome = outcome,
        });
        await db.SaveChangesAsync(CancellationToken.None);
    }

    /// <summary>Delay after the given number of failed attempts: first, doubled each time, capped.</summary>
    public TimeSpan Backoff(int failedAttempts) => Background.Backoff.After(failedAttempts, Settings.FirstRetrySeconds, Settings.MaxRetrySeconds);

    /// <summary>The receiver's status, if it answered, and a short description of the failure (null on a 2xx answer).</summary>
    private readonly record struct SendResult(int? StatusCode, string? Error);

    private async Task<SendResult> SendAsync(OutboxMessage message, Products.WebhookTarget target, CancellationToken cancellationToken)
    {
        using var request = WebhookRequest.Build(target, message, Time.GetUtcNow());
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(Settings.TimeoutSeconds));
        try
        {
            using var response = await httpClients.CreateClient(HttpClientName).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            var status = (int)response.StatusCode;
            return new SendResult(status, response.IsSuccessStatusCode ? null : $"HTTP {status} {response.ReasonPhrase}");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new SendResult(null, $"timed out after {Settings.TimeoutSeconds} s");
        }
        catch (HttpRequestException e)
        {
            return new SendResult(null, $"{e.HttpRequestError}: {e.Message}");
        }
    }
}

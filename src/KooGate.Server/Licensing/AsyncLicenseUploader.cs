using KooGate.Protocol.OpenApi;
using KooGate.Server.Background;
using KooGate.Server.Configuration;
using KooGate.Server.Data;
using KooGate.Server.OpenApi;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace KooGate.Server.Licensing;

/// <summary>
/// Delivers licenses issued for <c>getLicenseAsync</c> with 字符串/文件流上传 under their <c>eventId</c>
/// (license-order-openapi.md §C.3, §D.3): as a string when it fits 1024 characters, else as a file. Claimed per
/// request by a conditional update of <see cref="AsyncLicenseRequest.Attempts"/>; transient failures back off.
/// </summary>
public sealed class AsyncLicenseUploader(
    IServiceScopeFactory scopes,
    MarketplaceClients clients,
    IOptions<KooGateOptions> options,
    TimeProvider time,
    ILogger<AsyncLicenseUploader> logger) : PeriodicWorker(time, logger)
{
    private const int MaxStringLength = 1024;
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(2);

    private MarketplaceOptions Settings => options.Value.Marketplace;

    protected override TimeSpan Interval => TimeSpan.FromMilliseconds(Math.Max(50, Settings.PollIntervalMilliseconds));

    protected override async Task<bool> RunOnceAsync(CancellationToken cancellationToken)
    {
        if (!clients.IsConfigured)
        {
            return false;
        }

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<KooGateDbContext>();
        var now = Time.GetUtcNow();
        var due = await db.Set<AsyncLicenseRequest>().AsNoTracking()
            .Where(r => r.DeliveryStatus == LicenseDeliveryStatus.Pending && r.NextAttemptAt <= now)
            .OrderBy(r => r.NextAttemptAt).Take(16)
            .Select(r => new { r.EventId, r.FingerprintHash, r.Attempts }).ToListAsync(cancellationToken);
        foreach (var request in due)
        {
            var claimed = await db.Set<AsyncLicenseRequest>()
                .Where(r => r.EventId == request.EventId && r.FingerprintHash == request.FingerprintHash
                    && r.DeliveryStatus == LicenseDeliveryStatus.Pending && r.Attempts == request.Attempts)
                .ExecuteUpdateAsync(s => s.SetProperty(r => r.Attempts, request.Attempts + 1).SetProperty(r => r.NextAttemptAt, now + Lease), cancellationToken);
            if (claimed == 1)
            {
                await DeliverAsync(db, request.EventId, request.FingerprintHash, cancellationToken);
            }
        }

        return due.Count == 16;
    }

    private async Task DeliverAsync(KooGateDbContext db, string eventId, string fingerprintHash, CancellationToken cancellationToken)
    {
        db.ChangeTracker.Clear();
        var request = await db.Set<AsyncLicenseRequest>().SingleAsync(r => r.EventId == eventId && r.FingerprintHash == fingerprintHash, cancellationToken);
        string? error = null;
        var transient = false;
        try
        {
            var client = clients.Create();
            _ = request.License.Length <= MaxStringLength
                ? await client.UploadStringAsync(eventId, request.License, cancellationToken)
                : await client.UploadFileAsync(eventId, "license.jws", System.Text.Encoding.UTF8.GetBytes(request.License), cancellationToken);
        }
        catch (MarketplaceApiException e)
        {
            (error, transient) = ($"{e.ErrorCode}: {e.Message}", e.IsTransient);
        }
        catch (Exception e) when (e is HttpRequestException or TimeoutException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            (error, transient) = ($"{e.GetType().Name}: {e.Message}", true);
        }

        var now = Time.GetUtcNow();
        request.LastError = error;
        if (error is null)
        {
            request.DeliveryStatus = LicenseDeliveryStatus.Delivered;
            request.DeliveredAt = now;
        }
        else if (!transient || request.Attempts >= Settings.FetchMaxAttempts)
        {
            request.DeliveryStatus = LicenseDeliveryStatus.Failed;
            logger.LogWarning("License upload for event {EventId} failed for good: {Error}", eventId, error);
        }
        else
        {
            request.NextAttemptAt = now + Backoff.After(request.Attempts, Settings.FetchFirstRetrySeconds, Settings.FetchMaxRetrySeconds);
        }

        await db.SaveChangesAsync(CancellationToken.None);
    }
}

using KooGate.Client.Events;
using KooGate.Server.Data;
using KooGate.Server.Outbox;
using Microsoft.EntityFrameworkCore;

namespace KooGate.Server.Instances;

/// <summary>
/// The licenses issued for instances: the legacy <c>getLicense</c> one (one per instance, <see cref="LicenseGrant"/>,
/// which also completes the instance's provisioning) and the online-license device requests (one per eventId and
/// device fingerprint, <see cref="AsyncLicenseRequest"/>). Each is stored with its event row and <c>license.issued</c>
/// hand-off event in one save; when a concurrent duplicate stored its license first, that one is the license.
/// </summary>
public sealed class InstanceLicenses(KooGateDbContext db, InstanceStore store, OutboxWriter outbox)
{
    /// <summary>The license granted to the instance by <c>getLicense</c>, if any.</summary>
    public Task<string?> GrantedAsync(string instanceId, CancellationToken cancellationToken) =>
        db.Set<LicenseGrant>().AsNoTracking().Where(g => g.InstanceId == instanceId).Select(g => g.License).FirstOrDefaultAsync(cancellationToken);

    /// <summary>Grants the license and activates the provisioning instance; answers the license that was stored first.</summary>
    public async Task<string> GrantAsync(string instanceId, string orderId, string license, bool isTest, DateTimeOffset now, CancellationToken cancellationToken)
    {
        db.ChangeTracker.Clear();
        db.Add(new LicenseGrant { InstanceId = instanceId, License = license, IssuedAt = now });
        var instance = await store.FindAsync(instanceId, cancellationToken);
        if (instance is { State: InstanceState.Provisioning })
        {
            store.Transition(instance, InstanceState.Active, "license-issued", orderId, now);
        }

        if (!isTest)
        {
            outbox.Add(db, EventTypes.LicenseIssued, instanceId,
                new LicenseIssued { InstanceId = instanceId, OrderId = orderId, License = license, ProductId = instance?.ProductId, SkuCode = instance?.SkuCode }, now);
        }

        return await db.TrySaveAsync(cancellationToken, orStale: true)
            ? license
            : await GrantedAsync(instanceId, cancellationToken) ?? throw new InvalidOperationException("conflicting save without a stored license");
    }

    /// <summary>Whether this device request (eventId and fingerprint) already has its license.</summary>
    public Task<bool> IsRequestedAsync(string eventId, string fingerprintHash, CancellationToken cancellationToken) =>
        db.Set<AsyncLicenseRequest>().AsNoTracking().AnyAsync(a => a.EventId == eventId && a.FingerprintHash == fingerprintHash, cancellationToken);

    /// <summary>Stores a device request's license for upload (delivery status Pending) and hands it off.</summary>
    public async Task AddRequestedAsync(InstanceRecord instance, AsyncLicenseRequest request, DateTimeOffset now, CancellationToken cancellationToken)
    {
        db.Set<AsyncLicenseRequest>().Add(request);
        store.Note(instance, "license-requested", null, now, $"eventId {request.EventId}");
        outbox.Add(db, EventTypes.LicenseIssued, instance.InstanceId, new LicenseIssued
        {
            InstanceId = instance.InstanceId,
            EventId = request.EventId,
            DeviceFingerprint = request.DeviceFingerprint,
            License = request.License,
            ProductId = instance.ProductId,
            SkuCode = instance.SkuCode,
        }, now);

        // False: a concurrent duplicate stored its license first; that one is delivered.
        await db.TrySaveAsync(cancellationToken);
    }
}

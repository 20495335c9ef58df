using KooGate.Protocol;
using KooGate.Protocol.Messages;
using KooGate.Server.Configuration;
using KooGate.Server.Data;

namespace KooGate.Server.Produce.KitV2;

/// <summary>
/// <c>applicationSync</c> (saas-v2.md §3.8, §2.7): the tenant's OAuth client. The RSA-OAEP <c>clientSecret</c> is
/// decrypted with the configured private key (also on debug calls, which check exactly that) and stored only
/// re-encrypted under the secrets key. Decryption failure answers 000101 like Huawei's sample.
/// </summary>
public sealed class ApplicationSyncHandler(KooGateDbContext db, ClientSecretKey key, SecretProtector protector, Outbox.OutboxWriter outbox) : IKitHandler<ApplicationSyncRequest>
{
    public static readonly ResultCode BadSecret = new("000101", "something wrong with appSecret");

    public async Task<ProduceResult> HandleAsync(ProduceCall<ApplicationSyncRequest> call, CancellationToken cancellationToken)
    {
        var request = call.Request;
        var (instanceId, tenantId, appId, flag) = (request.InstanceId, request.TenantId, request.AppId, request.Flag);
        string? clientId = null, secret = null;
        if (flag != KitFlags.Delete)
        {
            clientId = request.ClientId;
            if (!key.TryDecrypt(request.ClientSecret, out secret))
            {
                return new ProduceResult(BadSecret) { InstanceId = instanceId.Length > 0 ? instanceId : null };
            }
        }

        var result = KitSync.Success(instanceId);
        if (call.IsTest)
        {
            return result;
        }

        var application = await db.KitApplications.FindAsync([instanceId, tenantId, appId], cancellationToken);
        if (flag == KitFlags.Delete)
        {
            if (application is { Deleted: false })
            {
                application.Deleted = true;
                application.UpdatedAt = call.Now;
                KitSync.Announce(db, outbox, "kit.application.synced", instanceId, new { tenantId, appId, flag = KitSync.FlagName(flag) }, call.Now);
                await db.SaveChangesAsync(cancellationToken);
            }

            return result;
        }

        if (application is null)
        {
            application = new KitApplication { InstanceId = instanceId, TenantId = tenantId, AppId = appId };
            db.KitApplications.Add(application);
        }

        application.ClientId = clientId;
        application.ProtectedClientSecret = protector.Protect(secret!);
        application.Deleted = false;
        application.UpdatedAt = call.Now;
        // The client secret stays out of the event; it is stored encrypted.
        KitSync.Announce(db, outbox, "kit.application.synced", instanceId, new { tenantId, appId, flag = KitSync.FlagName(flag), clientId }, call.Now);
        await KitSync.SaveIdempotentAsync(db, cancellationToken);
        return result;
    }
}

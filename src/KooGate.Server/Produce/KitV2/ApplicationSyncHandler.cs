using KooGate.Protocol;
using KooGate.Server.Configuration;
using KooGate.Server.Data;

namespace KooGate.Server.Produce.KitV2;

/// <summary>
/// <c>applicationSync</c> (saas-v2.md §3.8, §2.7): the tenant's OAuth client. The RSA-OAEP <c>clientSecret</c> is
/// decrypted with the configured private key (also on debug calls, which check exactly that) and stored only
/// re-encrypted under the secrets key. Decryption failure answers 000101 like Huawei's sample.
/// </summary>
public sealed class ApplicationSyncHandler(KooGateDbContext db, ClientSecretKey key, SecretProtector protector, Outbox.OutboxWriter outbox) : IKitHandler
{
    public static readonly ResultCode BadSecret = new("000101", "something wrong with appSecret");

    public async Task<ProduceResult> HandleAsync(ProduceCall call, CancellationToken cancellationToken)
    {
        var fields = call.Fields;
        var (instanceId, tenantId) = KitFields.ReadEnvelope(fields);
        var appId = fields.Required("appId", 64);
        var flag = fields.RequiredInt("flag", KitFields.Delete, KitFields.Add, KitFields.Modify);
        string? clientId = null, secret = null;
        if (flag != KitFields.Delete)
        {
            clientId = fields.Required("clientId", 64);
            if (!key.TryDecrypt(fields.Required("clientSecret", 8192), out secret))
            {
                return new ProduceResult(BadSecret) { InstanceId = instanceId.Length > 0 ? instanceId : null };
            }
        }

        var result = KitFields.Success(instanceId);
        if (call.IsTest)
        {
            return result;
        }

        var application = await db.KitApplications.FindAsync([instanceId, tenantId, appId], cancellationToken);
        if (flag == KitFields.Delete)
        {
            if (application is { Deleted: false })
            {
                application.Deleted = true;
                application.UpdatedAt = call.Now;
                KitFields.Announce(db, outbox, "kit.application.synced", instanceId, new { tenantId, appId, flag = KitFields.FlagName(flag) }, call.Now);
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
        KitFields.Announce(db, outbox, "kit.application.synced", instanceId, new { tenantId, appId, flag = KitFields.FlagName(flag), clientId }, call.Now);
        await KitFields.SaveIdempotentAsync(db, cancellationToken);
        return result;
    }
}

using System.Security.Cryptography;
using KooGate.Conformance.Wire;
using KooGate.Protocol;
using KooGate.Protocol.Crypto;
using KooGate.Protocol.Messages;

namespace KooGate.Conformance.Profiles;

/// <summary>The Kit sync requests (saas-v2.md §3.8, saas-v1-and-joint.md §5), built from the typed Protocol messages.</summary>
internal static class KitFamilies
{
    public static KitApi KitV2(Uri url, string key, string? rsaPublicKeyPem, TimeProvider time, string namePrefix = "")
    {
        var channel = new KitV2Channel(url, key, time);
        return new KitApi(namePrefix, channel, "saas-v2.md §3.8, §2.3", Operations(channel, rsaPublicKeyPem, time, v1: false));
    }

    public static KitApi KitV1(Uri url, string key, string? rsaPublicKeyPem, TimeProvider time)
    {
        var channel = new KitV1Channel(url, key, time);
        return new KitApi(string.Empty, channel, "saas-v1-and-joint.md §5, §2.2-2.3", Operations(channel, rsaPublicKeyPem, time, v1: true));
    }

    private static List<KitOperation> Operations(JsonChannel channel, string? rsaPublicKeyPem, TimeProvider time, bool v1)
    {
        // Each request is built from its record with the body timeStamp the channel signs with.
        WireRequest Post<T>(string name, Func<string, T> message, Fault fault) =>
            channel.Build(name, KooJson.SerializeToUtf8Bytes(message(channel.BodyTimeStamp(fault))), fault);
        string Now() => KooTime.ToChina17(time.GetUtcNow());
        var users = new[] { new KitUser { UserName = "kgcheck.admin", Name = "koogate check", OrgCode = "KGCHECKORG", Role = KitRoles.Admin, Enable = "true" } };

        return
        [
            new(KitInterfaces.TenantSync, (a, f) => Post(KitInterfaces.TenantSync, ts => new TenantSyncRequest
            {
                DomainName = "https://kgcheck.example.com", Flag = a.Flag, InstanceId = a.InstanceId, Name = "koogate check",
                OrderId = string.Empty, TenantCode = "kgcheck", TenantId = a.TenantId, TestFlag = a.TestFlag, TimeStamp = ts,
            }, f)),
            new(KitInterfaces.ApplicationSync, (a, f) => Post(KitInterfaces.ApplicationSync, ts => new ApplicationSyncRequest
            {
                AppId = "kgcheck-app", ClientId = "kgcheck-client", ClientSecret = EncryptSecret(rsaPublicKeyPem!), Flag = a.Flag,
                InstanceId = a.InstanceId, TenantId = a.TenantId, TestFlag = a.TestFlag, TimeStamp = ts,
            }, f), SkipReason: rsaPublicKeyPem is null ? "clientSecret is RSA-encrypted with the seller's public key: pass --rsa-public-key" : null),
            new(KitInterfaces.AuthSync, (a, f) => Post(KitInterfaces.AuthSync, ts => new AuthSyncRequest
            {
                AppId = "kgcheck-app", CurrentSyncTime = Now(), Flag = a.Flag, InstanceId = a.InstanceId, TenantId = a.TenantId,
                TestFlag = a.TestFlag, TimeStamp = ts, UserList = users,
            }, f)),
            new(KitInterfaces.SingleOrgSync, (a, f) => Post(KitInterfaces.SingleOrgSync, ts => new SingleOrgSyncRequest
            {
                Flag = a.Flag, InstanceId = a.InstanceId, OrgCode = a.OrgCode, OrgName = "koogate check", TenantId = a.TenantId,
                TestFlag = a.TestFlag, TimeStamp = ts,
            }, f)),
            new(KitInterfaces.AllOrgSync, (a, f) => v1
                ? Post(KitInterfaces.AllOrgSync, ts => new AllOrgSyncV1Request
                {
                    InstanceId = a.InstanceId, OrgInfo = [new OrgInfoV1 { OrgCode = a.OrgCode, Name = "koogate check" }], TenantId = a.TenantId,
                    TestFlag = a.TestFlag, TimeStamp = ts,
                }, f)
                : Post(KitInterfaces.AllOrgSync, ts => new AllOrgSyncRequest
                {
                    InstanceId = a.InstanceId, OrgInfoList = [new OrgInfo { OrgCode = a.OrgCode, OrgName = "koogate check" }], TenantId = a.TenantId,
                    TestFlag = a.TestFlag, TimeStamp = ts,
                }, f), HasDelete: false),
        ];
    }

    /// <summary>OAEP with SHA-256, the first padding README decision 10 has servers try.</summary>
    private static string EncryptSecret(string publicKeyPem)
    {
        using var rsa = RSA.Create();
        rsa.ImportFromPem(publicKeyPem);
        return ClientSecretCipher.Encrypt(rsa, "kgcheck-secret-" + Convert.ToHexString(RandomNumberGenerator.GetBytes(8)), RSAEncryptionPadding.OaepSHA256);
    }
}

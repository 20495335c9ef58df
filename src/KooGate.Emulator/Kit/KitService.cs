using System.Security.Cryptography;
using KooGate.Emulator.Clock;
using KooGate.Emulator.Data;
using KooGate.Emulator.Delivery;
using KooGate.Protocol;
using KooGate.Protocol.Crypto;
using KooGate.Protocol.Messages;
using Microsoft.EntityFrameworkCore;

namespace KooGate.Emulator.Kit;

public sealed record BindRequest(string? TenantName, string? TenantCode);

public sealed record KitUserRequest(string? UserName, string? Name, string? OrgCode, string? Role, string? Mobile, string? Email, bool? Enable);

public sealed record AuthSyncRequestBody(string? TenantId, int? Flag, IReadOnlyList<KitUserRequest>? Users);

public sealed record OrgSyncRequestBody(string? TenantId, int? Flag, string? OrgCode, string? OrgName, string? ParentCode);

/// <summary>
/// The buyer's enterprise side of a joint (联营) product (saas-v2.md §3.8): binding the app to an enterprise pushes
/// tenantSync, applicationSync and allOrgSync; granting users pushes authSync; editing a department pushes
/// singleOrgSync. Kit calls are never retried automatically. The product's <see cref="KitVersion"/> decides the wire
/// (V1: <c>/produceAPI/{name}</c>, authToken header, V1 shapes).
/// </summary>
public sealed class KitService(EmulatorDb db, VirtualClock clock)
{
    public const string RootOrgCode = "00000001";

    public async Task<(Tenant Tenant, KitApp App)> BindAsync(string resourceId, string baseUrl, BindRequest request, CancellationToken ct)
    {
        var (resource, product) = await JointAsync(resourceId, ct);
        if (product.KitPublicKeyPem is null)
        {
            throw ApiException.Conflict("the product has no kitPublicKeyPem to encrypt clientSecret with (applicationSync)");
        }

        var now = clock.GetUtcNow();
        var code = string.IsNullOrWhiteSpace(request.TenantCode) ? "t" + RandomNumberGenerator.GetHexString(8, lowercase: true) : request.TenantCode;
        if (await db.Tenants.AnyAsync(t => t.TenantCode == code, ct))
        {
            throw ApiException.Conflict($"tenant code {code} is taken");
        }

        var tenant = new Tenant
        {
            TenantId = RandomNumberGenerator.GetHexString(32, lowercase: true),
            ResourceId = resource.ResourceId,
            TenantCode = code,
            Name = string.IsNullOrWhiteSpace(request.TenantName) ? code : request.TenantName,
            DomainName = $"{baseUrl}/idp/{code}",
        };
        var app = new KitApp
        {
            ClientId = RandomNumberGenerator.GetHexString(32, lowercase: true),
            TenantId = tenant.TenantId,
            AppId = "app-" + product.ProductId,
            ClientSecret = RandomNumberGenerator.GetString("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", 32),
        };
        var root = new Department { TenantId = tenant.TenantId, OrgCode = RootOrgCode, OrgName = tenant.Name };
        db.Tenants.Add(tenant);
        db.KitApps.Add(app);
        db.Departments.Add(root);

        using var rsa = RSA.Create();
        rsa.ImportFromPem(product.KitPublicKeyPem);
        var instanceId = resource.InstanceId ?? string.Empty;
        var testFlag = resource.Test ? KitTestFlags.Debug : KitTestFlags.Real;
        db.Deliveries.Add(DeliveryPlanner.Kit(product, resource, KitInterfaces.TenantSync, new TenantSyncRequest
        {
            DomainName = tenant.DomainName,
            Flag = KitFlags.Add,
            InstanceId = instanceId,
            Name = tenant.Name,
            OrderId = resource.OrderId,
            TenantCode = tenant.TenantCode,
            TenantId = tenant.TenantId,
            TestFlag = testFlag,
        }, now));
        db.Deliveries.Add(DeliveryPlanner.Kit(product, resource, KitInterfaces.ApplicationSync, new ApplicationSyncRequest
        {
            AppId = app.AppId,
            ClientId = app.ClientId,
            // saas-v2.md §2.7: RSA-OAEP under the seller's public key; the OAEP hash is undocumented, SHA-256 is used.
            ClientSecret = ClientSecretCipher.Encrypt(rsa, app.ClientSecret, RSAEncryptionPadding.OaepSHA256),
            Flag = KitFlags.Add,
            InstanceId = instanceId,
            TenantId = tenant.TenantId,
            TestFlag = testFlag,
        }, now));
        db.Deliveries.Add(product.KitVersion == KitVersion.V1
            ? DeliveryPlanner.Kit(product, resource, KitInterfaces.AllOrgSync, new AllOrgSyncV1Request
            {
                InstanceId = instanceId,
                OrgInfo = [new OrgInfoV1 { OrgCode = root.OrgCode, Name = root.OrgName, ParentCode = string.Empty }],
                TenantId = tenant.TenantId,
                TestFlag = testFlag,
            }, now)
            : DeliveryPlanner.Kit(product, resource, KitInterfaces.AllOrgSync, new AllOrgSyncRequest
            {
                InstanceId = instanceId,
                OrgInfoList = [new OrgInfo { OrgCode = root.OrgCode, OrgName = root.OrgName, ParentCode = string.Empty }],
                TenantId = tenant.TenantId,
                TestFlag = testFlag,
            }, now));
        await db.SaveChangesAsync(ct);
        return (tenant, app);
    }

    public async Task SyncUsersAsync(string resourceId, AuthSyncRequestBody request, CancellationToken ct)
    {
        var (resource, product) = await JointAsync(resourceId, ct);
        var tenant = await TenantAsync(resource, request.TenantId, ct);
        var flag = request.Flag ?? KitFlags.Add;
        if (flag is < KitFlags.Delete or > KitFlags.RevokeAuthorization || request.Users is not { Count: > 0 and <= 500 } users)
        {
            throw ApiException.BadRequest("flag must be 0 to 3 and users must hold 1 to 500 entries");
        }

        if (flag == KitFlags.RevokeAuthorization && product.KitVersion == KitVersion.V1)
        {
            throw ApiException.BadRequest("Kit V1 authSync knows flag 0 to 2 (revocation is V2 only)");
        }

        var app = await db.KitApps.SingleAsync(a => a.TenantId == tenant.TenantId, ct);
        var wire = new List<KitUser>();
        foreach (var user in users)
        {
            if (string.IsNullOrWhiteSpace(user.UserName) || user.Role is not (null or KitRoles.User or KitRoles.Admin))
            {
                throw ApiException.BadRequest("every user needs userName; role is user or admin");
            }

            var stored = await db.KitUsers.SingleOrDefaultAsync(u => u.TenantId == tenant.TenantId && u.UserName == user.UserName, ct);
            if (flag == KitFlags.Delete)
            {
                if (stored is not null)
                {
                    db.KitUsers.Remove(stored);
                }
            }
            else if (flag == KitFlags.RevokeAuthorization)
            {
                stored?.Authorized = false;
            }
            else
            {
                stored ??= db.KitUsers.Add(new KitUserEntity { TenantId = tenant.TenantId, UserName = user.UserName }).Entity;
                stored.Name = user.Name ?? user.UserName;
                stored.OrgCode = user.OrgCode ?? RootOrgCode;
                stored.Role = user.Role ?? KitRoles.User;
                stored.Mobile = user.Mobile;
                stored.Email = user.Email;
                stored.Enabled = user.Enable ?? true;
                stored.Authorized = true;
            }

            wire.Add(new KitUser
            {
                UserName = user.UserName,
                Name = user.Name ?? user.UserName,
                OrgCode = user.OrgCode ?? RootOrgCode,
                Role = user.Role ?? KitRoles.User,
                Enable = user.Enable is false ? "false" : "true",
                Mobile = user.Mobile,
                Email = user.Email,
            });
        }

        db.Deliveries.Add(DeliveryPlanner.Kit(product, resource, KitInterfaces.AuthSync, new AuthSyncRequest
        {
            AppId = app.AppId,
            CurrentSyncTime = KooTime.ToChina17(clock.GetUtcNow()),
            Flag = flag,
            InstanceId = resource.InstanceId ?? string.Empty,
            TenantId = tenant.TenantId,
            TestFlag = resource.Test ? KitTestFlags.Debug : KitTestFlags.Real,
            UserList = wire,
        }, clock.GetUtcNow()));
        await db.SaveChangesAsync(ct);
    }

    public async Task SyncOrgAsync(string resourceId, OrgSyncRequestBody request, CancellationToken ct)
    {
        var (resource, product) = await JointAsync(resourceId, ct);
        var tenant = await TenantAsync(resource, request.TenantId, ct);
        var flag = request.Flag ?? KitFlags.Add;
        if (flag is < KitFlags.Delete or > KitFlags.Modify || string.IsNullOrWhiteSpace(request.OrgCode) || string.IsNullOrWhiteSpace(request.OrgName))
        {
            throw ApiException.BadRequest("flag must be 0 to 2; orgCode and orgName are required");
        }

        var stored = await db.Departments.SingleOrDefaultAsync(d => d.TenantId == tenant.TenantId && d.OrgCode == request.OrgCode, ct);
        if (flag == KitFlags.Delete)
        {
            if (stored is not null)
            {
                db.Departments.Remove(stored);
            }
        }
        else
        {
            stored ??= db.Departments.Add(new Department { TenantId = tenant.TenantId, OrgCode = request.OrgCode }).Entity;
            stored.OrgName = request.OrgName;
            stored.ParentCode = request.ParentCode;
        }

        db.Deliveries.Add(DeliveryPlanner.Kit(product, resource, KitInterfaces.SingleOrgSync, new SingleOrgSyncRequest
        {
            Flag = flag,
            InstanceId = resource.InstanceId ?? string.Empty,
            OrgCode = request.OrgCode,
            OrgName = request.OrgName,
            ParentCode = request.ParentCode ?? string.Empty,
            TenantId = tenant.TenantId,
            TestFlag = resource.Test ? KitTestFlags.Debug : KitTestFlags.Real,
        }, clock.GetUtcNow()));
        await db.SaveChangesAsync(ct);
    }

    private async Task<(Resource, Product)> JointAsync(string resourceId, CancellationToken ct)
    {
        var resource = await db.Resources.SingleOrDefaultAsync(r => r.ResourceId == resourceId, ct) ?? throw ApiException.NotFound($"instance {resourceId}");
        var product = await db.Products.SingleAsync(p => p.ProductId == resource.ProductId, ct);
        if (!product.Joint)
        {
            throw ApiException.Conflict($"product {product.ProductId} is not a joint (联营) product");
        }

        if (resource.State != ResourceState.Active)
        {
            throw ApiException.Conflict($"instance {resourceId} is {resource.State}");
        }

        return (resource, product);
    }

    private async Task<Tenant> TenantAsync(Resource resource, string? tenantId, CancellationToken ct) =>
        await db.Tenants.SingleOrDefaultAsync(t => t.ResourceId == resource.ResourceId && (tenantId == null || t.TenantId == tenantId), ct)
        ?? throw ApiException.NotFound("tenant (bind the instance to an enterprise first)");
}

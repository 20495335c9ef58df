using KooGate.Client.Events;
using KooGate.Protocol;
using KooGate.Protocol.Messages;
using KooGate.Server.Data;
using KooGate.Server.Instances;
using KooGate.Server.Produce.SaasV1;
using KooGate.Server.Provisioning;
using Microsoft.EntityFrameworkCore;

namespace KooGate.Server.Produce.License;

/// <summary>
/// Legacy <c>getLicense</c> (license-order-openapi.md §B.1): one instance per (orderId, productId) whose id is the
/// first call's businessId, and one license for it — issued by the <see cref="ILicenseProvisioner"/> on the first call
/// and returned unchanged on every retry, concurrent duplicates included (the <see cref="LicenseGrant"/> key decides).
/// A provisioner failure answers its code and the next retry asks again.
/// </summary>
public sealed class GetLicenseHandler(InstanceStore store, ILicenseProvisioner provisioner, OutboxWriter outbox) : IV1Handler
{
    public async Task<ProduceResult> HandleAsync(V1Call call, CancellationToken cancellationToken)
    {
        var request = call.Bind(GetLicenseRequest.FromQuery);
        var expireTime = V1Fields.ExpireTime(request.ExpireTime);
        var amount = V1Fields.Int(request.Amount);
        var (instance, _) = await store.CreateOrGetAsync(request.BusinessId, request.OrderId, request.ProductId, call.IsTest, call.Now, cancellationToken,
            fromCall: row =>
            {
                row.ProductId = request.ProductId;
                row.SkuCode = request.SkuCode;
                row.ExpireTime = expireTime;
                row.CustomerId = request.CustomerId;
                row.CustomerName = request.CustomerName;
                row.PeriodType = request.PeriodType;
                row.PeriodNumber = V1Fields.Int(request.PeriodNumber);
                row.LinearValue = amount;
            },
            purchaseExtras: p => p.Amount = amount);
        var result = new ProduceResult(ResultCode.Success) { InstanceId = instance.InstanceId, OrderId = request.OrderId };

        var license = await FindAsync(instance.InstanceId, cancellationToken);
        if (license is null)
        {
            var outcome = await provisioner.IssueAsync(new LicenseRequest(LicenseReason.Purchase, instance.InstanceId, call.Now, request.OrderId,
                request.CustomerId, request.ProductId, request.SkuCode, amount, expireTime), cancellationToken);
            if (outcome.License is null)
            {
                var code = ResultCode.FromCode(outcome.FailureCode ?? ResultCode.InternalError.Code);
                return result with { Code = outcome.FailureMessage is { } message ? code.WithMessage(message) : code };
            }

            license = await StoreAsync(instance.InstanceId, request.OrderId, outcome.License, call.IsTest, call.Now, cancellationToken);
        }

        return result with { WriteFields = w => { w.WriteString("instanceId", instance.InstanceId); w.WriteString("license", license); } };
    }

    private Task<string?> FindAsync(string instanceId, CancellationToken cancellationToken) =>
        store.Db.Set<LicenseGrant>().AsNoTracking().Where(g => g.InstanceId == instanceId).Select(g => g.License).FirstOrDefaultAsync(cancellationToken);

    /// <summary>Stores the license and activates the instance; if a concurrent duplicate stored one first, that one wins.</summary>
    private async Task<string> StoreAsync(string instanceId, string orderId, string license, bool isTest, DateTimeOffset now, CancellationToken cancellationToken)
    {
        store.Db.ChangeTracker.Clear();
        store.Db.Add(new LicenseGrant { InstanceId = instanceId, License = license, IssuedAt = now });
        var instance = await store.FindAsync(instanceId, cancellationToken);
        if (instance is { State: InstanceState.Provisioning })
        {
            store.Transition(instance, InstanceState.Active, "license-issued", orderId, now);
        }

        if (!isTest)
        {
            outbox.Add(store.Db, EventTypes.LicenseIssued, instanceId,
                new LicenseIssued { InstanceId = instanceId, OrderId = orderId, License = license, ProductId = instance?.ProductId, SkuCode = instance?.SkuCode }, now);
        }

        // A concurrent duplicate may have stored its license (and activated the instance) first: that one is the license.
        return await store.Db.TrySaveAsync(cancellationToken, orStale: true)
            ? license
            : await FindAsync(instanceId, cancellationToken) ?? throw new InvalidOperationException("conflicting save without a stored license");
    }
}

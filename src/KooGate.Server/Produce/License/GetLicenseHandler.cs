using KooGate.Protocol;
using KooGate.Protocol.Messages;
using KooGate.Server.Instances;
using KooGate.Server.Produce.SaasV1;
using KooGate.Server.Provisioning;

namespace KooGate.Server.Produce.License;

/// <summary>
/// Legacy <c>getLicense</c> (license-order-openapi.md §B.1): one instance per (orderId, productId) whose id is the
/// first call's businessId, and one license for it — issued by the <see cref="ILicenseProvisioner"/> on the first call
/// and returned unchanged on every retry, concurrent duplicates included (the <see cref="LicenseGrant"/> key decides).
/// A provisioner failure answers its code and the next retry asks again.
/// </summary>
public sealed class GetLicenseHandler(InstanceCreation creation, InstanceLicenses licenses, ILicenseProvisioner provisioner) : IV1Handler<GetLicenseRequest>
{
    public async Task<ProduceResult> HandleAsync(V1Call<GetLicenseRequest> call, CancellationToken cancellationToken)
    {
        var request = call.Request;
        var expireTime = V1Values.ExpireTime(request.ExpireTime);
        var amount = V1Values.Int(request.Amount);
        var created = await creation.CreateAsync(new NewInstance(request.BusinessId, request.OrderId, request.ProductId, call.IsTest, call.Now)
        {
            FromCall = row =>
            {
                row.ProductId = request.ProductId;
                row.SkuCode = request.SkuCode;
                row.ExpireTime = expireTime;
                row.CustomerId = request.CustomerId;
                row.CustomerName = request.CustomerName;
                row.PeriodType = request.PeriodType;
                row.PeriodNumber = V1Values.Int(request.PeriodNumber);
                row.LinearValue = amount;
            },
            PurchaseExtras = p => p.Amount = amount,
        }, outcome: null, cancellationToken);
        if (!created.Stored)
        {
            return created.Refused.ToProduceResult();
        }

        var instance = created.Instance;
        var result = new ProduceResult(ResultCode.Success) { InstanceId = instance.InstanceId, OrderId = request.OrderId };

        var license = await licenses.GrantedAsync(instance.InstanceId, cancellationToken);
        if (license is null)
        {
            var outcome = await provisioner.IssueAsync(new LicenseRequest(LicenseReason.Purchase, instance.InstanceId, call.Now, request.OrderId,
                request.CustomerId, request.ProductId, request.SkuCode, amount, expireTime), cancellationToken);
            if (outcome.License is null)
            {
                var code = ResultCode.FromCode(outcome.FailureCode ?? ResultCode.InternalError.Code);
                return result with { Code = outcome.FailureMessage is { } message ? code.WithMessage(message) : code };
            }

            license = await licenses.GrantAsync(instance.InstanceId, request.OrderId, outcome.License, call.IsTest, call.Now, cancellationToken);
        }

        return result with { Reply = ProduceReply.Of(new GetLicenseResponse { InstanceId = instance.InstanceId, License = license }) };
    }
}

using KooGate.Protocol;
using KooGate.Protocol.Crypto;
using KooGate.Protocol.Messages;
using KooGate.Server.Configuration;
using KooGate.Server.Data;
using KooGate.Server.Instances;
using KooGate.Server.Orders;
using KooGate.Server.Provisioning;
using Microsoft.Extensions.Options;

namespace KooGate.Server.Produce.SaasV1;

/// <summary>
/// V1 <c>newInstance</c> (saas-v1-and-joint.md §3.1). One instance per (orderId, productId) — the documented key, which
/// also covers pay-per-use orders with several billing items — whose id is the first call's businessId. Every purchase
/// parameter is stored, <c>mobilePhone</c>/<c>email</c> decrypted with the V1 Key. The reply carries <c>encryptType</c>
/// and <c>appInfo</c> with AES-encrypted credentials; 000004 while provisioning runs. A retry after a failed provisioning runs
/// the provisioner again.
/// </summary>
public sealed class V1NewInstanceHandler(
    InstanceReads reads, PurchaseProvisioning purchases, SecretProtector protector, IOptions<KooGateOptions> options) : IV1Handler<V1NewInstanceRequest>
{
    public async Task<ProduceResult> HandleAsync(V1Call<V1NewInstanceRequest> call, CancellationToken cancellationToken)
    {
        var request = call.Request;
        var mobile = V1Credentials.Decrypt("mobilePhone", request.MobilePhone, call.Key);
        var email = V1Credentials.Decrypt("email", request.Email, call.Key);
        if (!request.TryGetSaasExtendParams(out var extendParams))
        {
            throw new FieldException("saasExtendParams", "is not Base64 of a JSON array");
        }

        var created = await purchases.CreateAsync(new NewInstance(request.BusinessId, request.OrderId, request.ProductId, call.IsTest, call.Now)
        {
            Kind = request.IsTrial ? OrderKinds.Trial : OrderKinds.New,
            ProductId = request.ProductId,
            FromCall = row =>
            {
                row.ProductId = request.ProductId;
                row.SkuCode = request.SkuCode;
                row.ChargingMode = V1Values.ChargingModeName(request.ChargingMode) is { Length: > 0 } mode ? mode : null;
                row.ExpireTime = V1Values.ExpireTime(request.ExpireTime);
                row.CustomerId = request.CustomerId;
                row.CustomerName = request.CustomerName;
                row.UserId = request.UserId;
                row.UserName = request.UserName;
                row.ProtectedMobilePhone = mobile is null ? null : protector.Protect(mobile);
                row.ProtectedEmail = email is null ? null : protector.Protect(email);
                row.PeriodType = request.PeriodType;
                row.PeriodNumber = V1Values.Int(request.PeriodNumber);
                row.LinearValue = V1Values.Int(request.Amount);
                row.Amount = V1Values.Decimal(request.OrderAmount);
                row.Trial = request.IsTrial;
                row.ExtendParamsJson = V1Values.ExtendParamsJson(extendParams);
            },

            // The V1-only parameters stay on the purchase row, for operators and reconciliation.
            PurchaseExtras = p =>
            {
                p.Amount = V1Values.Int(request.Amount);
                p.DiskSize = V1Values.Int(request.DiskSize);
                p.BandWidth = V1Values.Int(request.BandWidth);
                p.OrderAmount = request.OrderAmount;
                p.ProvisionType = request.ProvisionType;
                p.AcceptanceTime = request.AcceptanceTime;
            },
        }, cancellationToken);
        if (!created.Stored)
        {
            return created.Refused.ToProduceResult();
        }

        var instance = created.Instance;
        return Answer(instance, call.Key) with { InstanceId = instance.InstanceId, OrderId = request.OrderId };
    }

    private ProduceResult Answer(InstanceRecord instance, string key)
    {
        switch (instance.State)
        {
            case InstanceState.Provisioning:
                return ProduceResult.With(ResultCode.Processing, new NewInstanceResponse { InstanceId = instance.InstanceId });
            case InstanceState.Failed:
                var failed = ResultCode.FromCode(instance.FailureCode ?? ResultCode.InternalError.Code);
                return ProduceResult.With(instance.FailureMessage is { } message ? failed.WithMessage(message) : failed,
                    new NewInstanceResponse { InstanceId = instance.InstanceId });
        }

        var password = reads.Password(instance);
        if (V1Credentials.CredentialProblem(instance, password) is { } problem)
        {
            return new ProduceResult(ResultCode.InternalError.WithMessage(problem));
        }

        var type = V1Credentials.EncryptType(options.Value);
        return ProduceResult.With(ResultCode.Success, new NewInstanceResponse
        {
            EncryptType = FieldCipher.WireValue(type),
            InstanceId = instance.InstanceId,
            AppInfo = instance.FrontEndUrl is null ? null : V1Credentials.AppInfo(instance, password, key, type),
        });
    }
}

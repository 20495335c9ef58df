using System.Text.Json;
using KooGate.Protocol;
using KooGate.Protocol.Messages;
using KooGate.Server.Configuration;
using KooGate.Server.Data;
using KooGate.Server.Instances;
using KooGate.Server.Orders;
using KooGate.Server.Provisioning;

namespace KooGate.Server.Produce.SaasV2;

/// <summary>
/// <c>newInstance</c> (saas-v2.md §3.1): the same orderId + orderLineId always yields the first call's instanceId
/// (its businessId). Answers 000000 when provisioning finishes within the budget, else 000004. A retry of a create whose
/// provisioning failed runs the provisioner again for the same instance. The current body names only the order
/// (查询订单 learns the rest); the older body with <c>buyerInfo</c>/<c>orderInfo[]</c> (§3.1.4) carries the purchase,
/// which is stored as sent.
/// </summary>
public sealed class NewInstanceHandler(PurchaseProvisioning purchases, SecretProtector protector) : IActivityHandler<NewInstanceMessage>
{
    public async Task<ProduceResult> HandleAsync(ProduceCall<NewInstanceMessage> call, CancellationToken cancellationToken)
    {
        string orderId, orderLineId, businessId;
        Action<OrderDetails>? fromCall = null;
        var kind = OrderKinds.New;
        if (call.Request.Inline is { } inline)
        {
            var order = inline.OrderInfo![0];
            (orderId, orderLineId, businessId) = (order.OrderId, order.LineKey, order.BusinessId);
            kind = order.IsTrial ? OrderKinds.Trial : OrderKinds.New;
            fromCall = row => Describe(row, inline.BuyerInfo, order);
        }
        else
        {
            var request = call.Request.Current!;
            (orderId, orderLineId, businessId) = (request.OrderId, request.OrderLineId, request.BusinessId);
        }

        var created = await purchases.CreateAsync(new NewInstance(businessId, orderId, orderLineId, call.IsTest, call.Now) { Kind = kind, FromCall = fromCall }, cancellationToken);
        if (!created.Stored)
        {
            return created.Refused.ToProduceResult();
        }

        var instance = created.Instance;
        return Answer(instance) with { InstanceId = instance.InstanceId, OrderId = orderId };
    }

    private void Describe(OrderDetails row, BuyerInfo? buyer, InlineOrderInfo order)
    {
        var product = order.ProductInfo?.FirstOrDefault();
        row.CustomerId = buyer?.CustomerId;
        row.CustomerName = buyer?.CustomerName;
        row.UserId = buyer?.UserId;
        row.UserName = buyer?.UserName;
        row.ProtectedMobilePhone = OrderDetailsMapper.Protect(protector, buyer?.MobilePhone);
        row.ProtectedEmail = OrderDetailsMapper.Protect(protector, buyer?.Email);
        row.ProductId = product?.ProductId;
        row.SkuCode = product?.SkuCode;
        row.LinearValue = product?.LinearValue;
        row.ChargingMode = order.ChargingMode;
        row.PeriodType = order.PeriodType;
        row.PeriodNumber = order.PeriodNumber;
        row.Amount = order.OrderAmount;
        row.Trial = order.IsTrial;
        row.CreateTime = KooTime.TryParseUtcDigits(order.CreateTime, out var createdAt) ? createdAt : null;
        row.ExpireTime = KooTime.TryParseUtcDigits(order.ExpireTime, out var expire) ? expire : null;
        row.ExtendParamsJson = order.ExtendParams is { Count: > 0 } extend ? JsonSerializer.Serialize([.. extend], KooJsonContext.Default.ExtendParamArray) : null;
    }

    private static ProduceResult Answer(InstanceRecord instance)
    {
        var code = instance.State switch
        {
            InstanceState.Provisioning => ResultCode.Processing,
            InstanceState.Failed => ResultCode.FromCode(instance.FailureCode ?? ResultCode.InternalError.Code) is var failed && instance.FailureMessage is { } message
                ? failed.WithMessage(message)
                : ResultCode.FromCode(instance.FailureCode ?? ResultCode.InternalError.Code),
            _ => ResultCode.Success,
        };
        return ProduceResult.With(code, new NewInstanceResponse { InstanceId = instance.InstanceId });
    }
}

using KooGate.Protocol.Messages;

using KooGate.Server.Instances;

namespace KooGate.Server.Produce.SaasV1;

/// <summary>
/// V1 <c>upgrade</c> (saas-v1-and-joint.md §3.5): a new order changes the SKU, product and linear values of the same
/// instance, once per upgrade order.
/// </summary>
public sealed class V1UpgradeHandler(InstanceLifecycle lifecycle) : IV1Handler<V1UpgradeRequest>
{
    public async Task<ProduceResult> HandleAsync(V1Call<V1UpgradeRequest> call, CancellationToken cancellationToken)
    {
        var r = call.Request;
        if (!r.TryGetSaasExtendParams(out var extendParams))
        {
            throw new FieldException("saasExtendParams", "is not Base64 of a JSON array");
        }

        var amount = V1Values.Int(r.Amount);
        var extend = V1Values.ExtendParamsJson(extendParams);
        var order = new InstanceOrder(AppliedKinds.V1Upgrade, Orders.OrderKinds.Upgrade, r.InstanceId, r.OrderId, call.IsTest, call.Now)
        {
            FromCall = row =>
            {
                row.ProductId = r.ProductId;
                row.SkuCode = r.SkuCode;
                row.LinearValue = amount;
                row.ExtendParamsJson = extend ?? row.ExtendParamsJson;
            },
            ChangePurchase = purchase =>
            {
                purchase.Amount = amount ?? purchase.Amount;
                purchase.DiskSize = V1Values.Int(r.DiskSize) ?? purchase.DiskSize;
                purchase.BandWidth = V1Values.Int(r.BandWidth) ?? purchase.BandWidth;
            },
        };
        return await lifecycle.UpgradeAsync(order, cancellationToken).ToProduceResultAsync();
    }
}

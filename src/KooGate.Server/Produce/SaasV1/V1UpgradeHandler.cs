using KooGate.Protocol.Messages;
using KooGate.Server.Data;
using Microsoft.EntityFrameworkCore;

namespace KooGate.Server.Produce.SaasV1;

/// <summary>
/// V1 <c>upgrade</c> (saas-v1-and-joint.md §3.5): a new order changes the SKU, product and linear values of the same
/// instance, once per upgrade order.
/// </summary>
public sealed class V1UpgradeHandler(V1Lifecycle lifecycle, KooGateDbContext db) : IV1Handler
{
    public const string AppliedKind = "v1-upgrade";

    public string Activity => Activities.Upgrade;

    public string Family => "saas-v1";

    public async Task<ProduceResult> HandleAsync(V1Call call, CancellationToken cancellationToken)
    {
        var r = call.Bind(V1UpgradeRequest.FromQuery);
        if (!r.TryGetSaasExtendParams(out var extendParams))
        {
            throw new FieldException("saasExtendParams", "is not Base64 of a JSON array");
        }

        var purchase = await db.Set<InstancePurchase>().FirstOrDefaultAsync(p => p.InstanceId == r.InstanceId, cancellationToken);
        return await lifecycle.UpgradeAsync(AppliedKind, r.InstanceId, r.OrderId, instance =>
            {
                instance.SkuCode = r.SkuCode;
                instance.ProductId = r.ProductId;
                if (purchase is null)
                {
                    purchase = new InstancePurchase { InstanceId = r.InstanceId };
                    db.Add(purchase);
                }

                purchase.Amount = V1Fields.Int(r.Amount) ?? purchase.Amount;
                purchase.DiskSize = V1Fields.Int(r.DiskSize) ?? purchase.DiskSize;
                purchase.BandWidth = V1Fields.Int(r.BandWidth) ?? purchase.BandWidth;
                purchase.ExtendParamsJson = V1Fields.ExtendParamsJson(extendParams) ?? purchase.ExtendParamsJson;
                purchase.UpdatedAt = call.Now;
            },
            new { orderId = r.OrderId, skuCode = r.SkuCode, productId = r.ProductId, r.Amount, r.DiskSize, r.BandWidth },
            call.IsTest, call.Now, cancellationToken);
    }
}

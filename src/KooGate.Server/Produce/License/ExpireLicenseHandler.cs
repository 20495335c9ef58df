using KooGate.Protocol.Messages;
using KooGate.Server.Instances;
using KooGate.Server.Produce.SaasV1;

namespace KooGate.Server.Produce.License;

/// <summary>Legacy <c>expireLicense</c> (license-order-openapi.md §B.3, shaped like SaaS V1 expireInstance): freezes.</summary>
public sealed class ExpireLicenseHandler(InstanceLifecycle lifecycle) : IV1Handler<ExpireLicenseRequest>
{
    public Task<ProduceResult> HandleAsync(V1Call<ExpireLicenseRequest> call, CancellationToken cancellationToken)
    {
        var r = call.Request;
        return lifecycle.SetFrozenAsync(r.InstanceId, frozen: true, "expired", r.OrderId, call.IsTest, call.Now, cancellationToken).ToProduceResultAsync();
    }
}

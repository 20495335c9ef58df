using KooGate.Protocol.Messages;
using KooGate.Server.Instances;
using KooGate.Server.Produce.SaasV1;

namespace KooGate.Server.Produce.License;

/// <summary>Legacy <c>releaseLicense</c> (license-order-openapi.md §B.4): releases the instance; repeats succeed.</summary>
public sealed class ReleaseLicenseHandler(InstanceLifecycle lifecycle) : IV1Handler<ReleaseLicenseRequest>
{
    public Task<ProduceResult> HandleAsync(V1Call<ReleaseLicenseRequest> call, CancellationToken cancellationToken)
    {
        var r = call.Request;
        return lifecycle.ReleaseAsync(r.InstanceId, r.OrderId, null, call.IsTest, call.Now, cancellationToken).ToProduceResultAsync();
    }
}

using KooGate.Protocol;
using KooGate.Protocol.Messages;
using KooGate.Server.Configuration;
using KooGate.Server.Data;
using KooGate.Server.Instances;
using KooGate.Server.Provisioning;

namespace KooGate.Server.Produce.SaasV2;

/// <summary>
/// <c>newInstance</c> (saas-v2.md §3.1): the same orderId + orderLineId always yields the first call's instanceId
/// (its businessId). Answers 000000 when provisioning finishes within the budget, else 000004. A retry of a create whose
/// provisioning failed runs the provisioner again for the same instance.
/// </summary>
public sealed class NewInstanceHandler(InstanceStore store, ProvisioningRunner runner, IProvisioner provisioner) : IActivityHandler
{
    public string Activity => "newInstance";

    public InterfaceType KeyType => InterfaceType.Basic;

    public async Task<ProduceResult> HandleAsync(ProduceCall call, CancellationToken cancellationToken)
    {
        var request = call.Parse<NewInstanceRequest>();
        var (orderId, orderLineId, businessId) = (request.OrderId, request.OrderLineId, request.BusinessId);

        var provision = new ProvisionRequest(businessId, orderId, orderLineId, call.Now);
        var inline = runner.Inline(provisioner, provision, call.IsTest);
        var (instance, created) = await store.CreateOrGetAsync(businessId, orderId, orderLineId, call.IsTest, call.Now, cancellationToken, outcome: inline);
        if (created && inline is null)
        {
            instance = await runner.ProvisionWithinBudgetAsync(provision, cancellationToken) ?? instance;
        }
        else if (!created && instance.State == InstanceState.Failed && !call.IsTest)
        {
            // A failed provisioning is not final: KooGallery's retry (same order line, new businessId) runs it again.
            instance = (await runner.RetryAsync(instance.InstanceId, "create retried by KooGallery", cancellationToken)).Instance ?? instance;
        }

        return Answer(instance) with { InstanceId = instance.InstanceId, OrderId = orderId };
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
        return new ProduceResult(code, w => w.WriteString("instanceId", instance.InstanceId));
    }
}

using KooGate.Protocol;
using KooGate.Protocol.Messages;
using KooGate.Server.Configuration;
using KooGate.Server.Data;
using KooGate.Server.Instances;
using KooGate.Server.Provisioning;
using Microsoft.Extensions.Options;

namespace KooGate.Server.Produce.SaasV2;

/// <summary>
/// <c>newInstance</c> (saas-v2.md §3.1): the same orderId + orderLineId always yields the first call's instanceId
/// (its businessId). Answers 000000 when provisioning finishes within the budget, else 000004.
/// </summary>
public sealed class NewInstanceHandler(InstanceStore store, ProvisioningRunner runner, IOptions<KooGateOptions> options) : IActivityHandler
{
    public string Activity => "newInstance";

    public InterfaceType KeyType => InterfaceType.Basic;

    public async Task<ProduceResult> HandleAsync(ProduceCall call, CancellationToken cancellationToken)
    {
        var request = call.Parse<NewInstanceRequest>();
        var (orderId, orderLineId, businessId) = (request.OrderId, request.OrderLineId, request.BusinessId);

        var (instance, created) = await store.CreateOrGetAsync(businessId, orderId, orderLineId, call.IsTest, call.Now, cancellationToken);
        if (created && call.IsTest)
        {
            // Debug probes never reach the seller's provisioner: they get a templated answer at once.
            var test = new AutomaticProvisioner(options);
            var outcome = await test.ProvisionAsync(new ProvisionRequest(instance.InstanceId, orderId, orderLineId, call.Now), cancellationToken);
            instance = await store.CompleteProvisioningAsync(instance.InstanceId, outcome, call.Now, cancellationToken) ?? instance;
        }
        else if (created)
        {
            instance = await runner.ProvisionWithinBudgetAsync(new ProvisionRequest(instance.InstanceId, orderId, orderLineId, call.Now), cancellationToken)
                ?? instance;
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

using KooGate.Server.Data;
using KooGate.Server.Instances;

namespace KooGate.Server.Provisioning;

/// <summary>
/// A purchase's create and first provisioning (SaaS V2 and V1 <c>newInstance</c>): the outcome is decided at once where
/// it can be (debug calls, an <see cref="IInlineProvisioner"/>) and stored by the create (<see cref="InstanceCreation"/>);
/// otherwise the seller's provisioner runs after the commit within the synchronous budget and reports to Instances.
/// A repeated create of an instance whose provisioning failed runs the provisioner again.
/// </summary>
public sealed class PurchaseProvisioning(InstanceCreation creation, ProvisioningRunner runner, IProvisioner provisioner)
{
    public async Task<CreateResult> CreateAsync(NewInstance purchase, CancellationToken cancellationToken)
    {
        var request = new ProvisionRequest(purchase.BusinessId, purchase.OrderId, purchase.OrderLineId, purchase.Now) { ProductId = purchase.ProductId };
        var inline = runner.Inline(provisioner, request, purchase.IsTest);
        var result = await creation.CreateAsync(purchase, inline, cancellationToken);
        if (!result.Stored)
        {
            return result;
        }

        if (result.Created && inline is null)
        {
            return result with { Instance = await runner.ProvisionWithinBudgetAsync(request, cancellationToken) ?? result.Instance };
        }

        if (!result.Created && result.Instance.State == InstanceState.Failed && !purchase.IsTest)
        {
            // A failed provisioning is not final: KooGallery's retry (same order line, new businessId) runs it again.
            var (retried, _) = await runner.RetryAsync(result.Instance.InstanceId, "create retried by KooGallery", cancellationToken);
            return result with { Instance = retried ?? result.Instance };
        }

        return result;
    }
}

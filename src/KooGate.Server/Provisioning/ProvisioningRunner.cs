using KooGate.Server.Configuration;
using KooGate.Server.Data;
using KooGate.Server.Instances;
using Microsoft.Extensions.Options;

namespace KooGate.Server.Provisioning;

/// <summary>
/// Runs the provisioner outside the request's scope, so a slow provisioner keeps going after create has answered
/// <c>000004</c>; its outcome is recorded whenever it finishes and <c>queryInstance</c> reports it.
/// </summary>
public sealed class ProvisioningRunner(
    IServiceScopeFactory scopes, AutomaticProvisioner automatic, IOptions<KooGateOptions> options, TimeProvider time, ILogger<ProvisioningRunner> logger)
{
    /// <summary>
    /// The outcome to store with a new instance when it is known before the commit: debug calls get the templated answer
    /// (they never reach the seller's provisioner), an <see cref="IInlineProvisioner"/> decides at once. Null: the
    /// provisioner runs after the commit (<see cref="ProvisionWithinBudgetAsync"/>).
    /// </summary>
    public ProvisionOutcome? Inline(IProvisioner provisioner, ProvisionRequest request, bool isTest) =>
        isTest ? automatic.Decide(request) : (provisioner as IInlineProvisioner)?.Decide(request);

    /// <summary>Starts provisioning and waits at most the synchronous budget; null means "still running".</summary>
    public async Task<InstanceRecord?> ProvisionWithinBudgetAsync(ProvisionRequest request, CancellationToken cancellationToken)
    {
        var work = Task.Run(() => RunAsync(request), CancellationToken.None);
        var budget = TimeSpan.FromMilliseconds(options.Value.Provisioning.SyncBudgetMilliseconds);
        var finished = await Task.WhenAny(work, Task.Delay(budget, time, cancellationToken)).ConfigureAwait(false);
        return finished == work ? await work.ConfigureAwait(false) : null;
    }

    /// <summary>
    /// Runs the provisioner again for a failed instance (same instance id) and waits at most the synchronous budget.
    /// Not reopened: the instance is unknown, not failed, or a concurrent retry took it; the instance is returned as it is.
    /// </summary>
    public async Task<(InstanceRecord? Instance, bool Reopened)> RetryAsync(string instanceId, string reason, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var creation = scope.ServiceProvider.GetRequiredService<InstanceCreation>();
        var now = time.GetUtcNow();
        var (instance, reopened) = await creation.ReopenFailedAsync(instanceId, reason, now, cancellationToken);
        if (!reopened || instance is null)
        {
            return (instance, false);
        }

        logger.LogInformation("Retrying provisioning of instance {InstanceId} (order {OrderId} line {OrderLineId}): {Reason}", instance.InstanceId, instance.OrderId, instance.OrderLineId, reason);
        var request = RequestFor(instance, now);
        if (scope.ServiceProvider.GetRequiredService<IProvisioner>() is IInlineProvisioner inline)
        {
            return (await creation.CompleteProvisioningAsync(instanceId, inline.Decide(request), now, CancellationToken.None), true);
        }

        return (await ProvisionWithinBudgetAsync(request, cancellationToken) ?? instance, true);
    }

    public static ProvisionRequest RequestFor(InstanceRecord instance, DateTimeOffset now) =>
        new(instance.InstanceId, instance.OrderId, instance.OrderLineId, now) { ProductId = instance.ProductId };

    /// <summary>Runs the provisioner to the end and records its outcome (also used to restart interrupted provisioning).</summary>
    public async Task<InstanceRecord?> RunAsync(ProvisionRequest request)
    {
        await using var scope = scopes.CreateAsyncScope();
        ProvisionOutcome outcome;
        try
        {
            outcome = await scope.ServiceProvider.GetRequiredService<IProvisioner>().ProvisionAsync(request, CancellationToken.None);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Stays retryable: KooGallery's next create retry, the admin API and the dashboard run the provisioner again.
            logger.LogError(e, "Provisioner failed for instance {InstanceId} (order {OrderId} line {OrderLineId})", request.InstanceId, request.OrderId, request.OrderLineId);
            outcome = ProvisionOutcome.Failed(Protocol.ResultCode.InternalError.Code, e.Message);
        }

        // Reported to Instances, which records the transition with its event row.
        return await scope.ServiceProvider.GetRequiredService<InstanceCreation>().CompleteProvisioningAsync(request.InstanceId, outcome, time.GetUtcNow(), CancellationToken.None);
    }
}

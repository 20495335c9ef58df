using System.Text.Json;
using KooGate.Emulator.Catalog.Listing;
using KooGate.Emulator.Clock;
using KooGate.Emulator.Data;
using KooGate.Emulator.Orders;
using KooGate.Emulator.Probes;
using KooGate.Protocol.Crypto;
using KooGate.Protocol.Messages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace KooGate.Emulator.Delivery;

/// <summary>
/// Makes one attempt of a due delivery and applies the outcome: success completes the order and records what the
/// seller returned; 000004 after create switches to queryInstance polling; a failure waits for the next slot of the
/// schedule, and when the schedule is over a purchase or upgrade fails and is refunded. A create refused with a final
/// business code (<see cref="CreateRefusals"/>) fails and refunds the purchase at once.
/// </summary>
public sealed class DeliveryRunner(
    EmulatorDb db, ProductionCaller caller, VirtualClock clock, ListingGuard listing, ProductHealthService health, CallLog log, IOptions<EmulatorOptions> options)
{
    private string? _failedOrderProduct;

    public async Task RunAsync(DeliveryJob delivery, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var resource = await db.Resources.SingleAsync(r => r.ResourceId == delivery.ResourceId, cancellationToken);
        var productId = await ProductOfAsync(delivery, resource, cancellationToken);
        var product = await db.Products.SingleAsync(p => p.ProductId == productId, cancellationToken);
        var transportNow = clock.TransportNow(options.Value.SignWithVirtualClock);
        var request = CallBuilder.Build(delivery, product, resource, transportNow);
        var (attempt, outcome) = await caller.SendAsync(request, now, cancellationToken);
        attempt.DeliveryId = delivery.Id;
        db.CallAttempts.Add(attempt);
        log.Record(attempt, product.ProductId, delivery.OrderId, delivery.DebugCaseId is not null);
        delivery.Attempts++;
        delivery.LastVerdict = outcome.Verdict;

        if (delivery.DebugCaseId is not null)
        {
            // A probe replays a saved case: it is judged, and changes nothing.
            delivery.State = outcome.IsSuccess ? DeliveryState.Succeeded : DeliveryState.Failed;
            delivery.NextAttemptAt = null;
            delivery.CompletedAt = now;
            await db.SaveChangesAsync(cancellationToken);
            if (await health.ApplyAsync(productId, cancellationToken))
            {
                await db.SaveChangesAsync(cancellationToken);
            }

            return;
        }

        if (resource.Test && outcome.IsSuccess)
        {
            var (activity, payload) = delivery.State == DeliveryState.Polling
                ? (Activities.QueryInstance, CallBuilder.QueryPayload(product.InterfaceVersion, resource).ToJsonString())
                : (delivery.Activity, delivery.PayloadJson);
            await DebugCaseBook.SaveAsync(db, product.ProductId, activity, delivery.Kit, resource.ResourceId, payload, now, cancellationToken);
        }

        if (delivery.State == DeliveryState.Polling)
        {
            await OnPollAsync(delivery, resource, outcome, now, cancellationToken);
        }
        else if (outcome.IsSuccess || (outcome.Verdict == Verdicts.Processing && delivery.Activity is Activities.NewInstance or Activities.GetLicenseAsync))
        {
            await OnAcceptedAsync(delivery, resource, product, outcome, attempt, now, cancellationToken);
        }
        else if (CreateRefusals.IsFinal(delivery, outcome))
        {
            await GiveUpAsync(delivery, resource, outcome, now, cancellationToken);
        }
        else
        {
            await OnFailureAsync(delivery, resource, outcome, now, cancellationToken);
        }

        await db.SaveChangesAsync(cancellationToken);
        if (_failedOrderProduct is { } failedProduct && await health.ApplyAsync(failedProduct, cancellationToken))
        {
            // More than 5 orders a month lost to the interface delist the product.
            await db.SaveChangesAsync(cancellationToken);
        }
    }

    /// <summary>
    /// A probe is sent as its case was saved, for the case's product. An upgrade is sent with the new product's order line and an order notification to the ordered product's address;
    /// everything else with the resource's product.
    /// </summary>
    private async Task<string> ProductOfAsync(DeliveryJob delivery, Resource resource, CancellationToken cancellationToken) =>
        delivery.DebugCaseId is { } caseId
            ? await db.DebugCases.Where(c => c.Id == caseId).Select(c => c.ProductId).SingleAsync(cancellationToken)
            : delivery.Activity is Activities.UpgradeInstance or Activities.Upgrade or Activities.OrderNotify && delivery.OrderId is { } orderId
            ? await db.OrderLines.Where(l => l.OrderId == orderId).Select(l => l.ProductId).SingleAsync(cancellationToken)
            : resource.ProductId;

    private async Task OnAcceptedAsync(
        DeliveryJob delivery, Resource resource, Product product, CallOutcome outcome, CallAttempt attempt, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (delivery.Activity == Activities.OrderNotify)
        {
            // A notification only tells the seller an order exists; it completes nothing.
            Succeed(delivery, now);
            return;
        }

        if (delivery.Activity is Activities.NewInstance or Activities.GetLicense)
        {
            // Read through the records the server writes with (a reply that does not fit one has no usable instanceId).
            var (instanceId, license) = delivery.Activity == Activities.GetLicense
                ? outcome.Read<GetLicenseResponse>() is { } issued ? (issued.InstanceId, issued.License) : (null, null)
                : (outcome.Read<NewInstanceResponse>()?.InstanceId, null);
            if (string.IsNullOrEmpty(instanceId) || instanceId.Length > 64)
            {
                attempt.Verdict = delivery.LastVerdict = Verdicts.MissingField;
                attempt.Detail = "调测失败,接口响应缺少instanceId (or it is longer than 64 characters)";
                await OnFailureAsync(delivery, resource, outcome with { Verdict = Verdicts.MissingField }, now, cancellationToken);
                return;
            }

            if (delivery.Activity == Activities.GetLicense && string.IsNullOrEmpty(license))
            {
                attempt.Verdict = delivery.LastVerdict = Verdicts.MissingField;
                attempt.Detail = "getLicense must return license";
                await OnFailureAsync(delivery, resource, outcome with { Verdict = Verdicts.MissingField }, now, cancellationToken);
                return;
            }

            resource.InstanceId ??= instanceId;
            resource.LicenseCode ??= license;
            if (product.InterfaceVersion == InterfaceVersion.SaasV1)
            {
                resource.AppInfoJson = V1AppInfo(outcome, product.V1Key!) ?? resource.AppInfoJson;
            }

            if (outcome.Verdict == Verdicts.Success)
            {
                await CompleteAsync(delivery, resource, cancellationToken);
            }

            // saas-v2.md §3.11: V2 polls queryInstance until the app info is returned; after 000004 every version must.
            if (outcome.Verdict == Verdicts.Processing || product.InterfaceVersion == InterfaceVersion.SaasV2)
            {
                delivery.State = DeliveryState.Polling;
                delivery.NextAttemptAt = now;
                return;
            }

            Succeed(delivery, now);
            return;
        }

        if (delivery.Activity is Activities.UpgradeInstance or Activities.Upgrade)
        {
            var line = await db.OrderLines.SingleAsync(l => l.OrderId == delivery.OrderId, cancellationToken);
            resource.ProductId = line.ProductId;
            resource.LinearValue = line.LinearValue ?? resource.LinearValue;
        }

        await CompleteOrderAsync(delivery.OrderId, cancellationToken);
        Succeed(delivery, now);
    }

    private async Task OnPollAsync(DeliveryJob delivery, Resource resource, CallOutcome outcome, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (outcome.IsSuccess && outcome.Read<QueryInstanceResponse>()?.Info?.FirstOrDefault(i => i.InstanceId == resource.InstanceId) is { } info)
        {
            if (info.AppInfo is { } appInfo)
            {
                resource.AppInfoJson = KooJson.Serialize(appInfo);
            }

            await CompleteAsync(delivery, resource, cancellationToken);
            Succeed(delivery, now);
            return;
        }

        // "Polls queryInstance until info is returned" (saas-v2.md §3.11), within the create schedule; a final refusal
        // reported by queryInstance (the seller failed the asynchronous provisioning) ends it.
        var next = now + TimeSpan.FromSeconds(delivery.PollIntervalSeconds);
        if (next <= delivery.DeadlineAt && !CreateRefusals.IsFinal(delivery, outcome))
        {
            delivery.NextAttemptAt = next;
            return;
        }

        await GiveUpAsync(delivery, resource, outcome, now, cancellationToken);
    }

    private async Task OnFailureAsync(DeliveryJob delivery, Resource resource, CallOutcome outcome, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var next = now + TimeSpan.FromSeconds(delivery.IntervalSeconds);
        if (delivery.IntervalSeconds > 0 && next <= delivery.DeadlineAt)
        {
            delivery.State = DeliveryState.Pending;
            delivery.NextAttemptAt = next;
            return;
        }

        await GiveUpAsync(delivery, resource, outcome, now, cancellationToken);
    }

    /// <summary>
    /// The schedule is over (or a final refusal ended it): a purchase or upgrade still undelivered fails, is refunded,
    /// gives its stock back and tells the buyer why (README).
    /// </summary>
    private async Task GiveUpAsync(DeliveryJob delivery, Resource resource, CallOutcome outcome, DateTimeOffset now, CancellationToken cancellationToken)
    {
        delivery.State = DeliveryState.Failed;
        delivery.NextAttemptAt = null;
        delivery.CompletedAt = now;
        if (!delivery.FailsOrder || delivery.OrderId is null)
        {
            return;
        }

        var order = await db.Orders.Include(o => o.Lines).SingleAsync(o => o.OrderId == delivery.OrderId, cancellationToken);
        if (order.Status != OrderStatus.Delivering)
        {
            return;
        }

        order.Status = OrderStatus.Failed;
        _failedOrderProduct = order.ProductId;
        order.FailureCode = outcome.Verdict == Verdicts.BusinessError ? outcome.ResultCode : null;
        order.FailureReason = CreateRefusals.BuyerReason(outcome);
        OrderRecords.Refund(order, order.Amount, RefundReason.DeliveryFailed, now);
        await listing.ReturnStockAsync(order, cancellationToken);
        if (delivery.Activity is Activities.NewInstance or Activities.GetLicense)
        {
            resource.State = ResourceState.Failed;
        }
    }

    private async Task CompleteAsync(DeliveryJob delivery, Resource resource, CancellationToken cancellationToken)
    {
        if (resource.State == ResourceState.Pending)
        {
            resource.State = ResourceState.Active;
        }

        await CompleteOrderAsync(delivery.OrderId, cancellationToken);
    }

    private async Task CompleteOrderAsync(string? orderId, CancellationToken cancellationToken)
    {
        if (orderId is null)
        {
            return;
        }

        var order = await db.Orders.SingleAsync(o => o.OrderId == orderId, cancellationToken);
        if (order.Status == OrderStatus.Delivering)
        {
            order.Status = OrderStatus.Completed;
        }
    }

    private static void Succeed(DeliveryJob delivery, DateTimeOffset now)
    {
        delivery.State = DeliveryState.Succeeded;
        delivery.NextAttemptAt = null;
        delivery.CompletedAt = now;
    }

    /// <summary>V1 appInfo credentials are AES-encrypted with the Key (saas-v1-and-joint.md §2.4); stored decrypted.</summary>
    private static string? V1AppInfo(CallOutcome outcome, string key)
    {
        if (outcome.Read<NewInstanceResponse>() is not { AppInfo: { } appInfo } reply)
        {
            return null;
        }

        var type = FieldCipher.TryParseWireValue(reply.EncryptType, out var parsed) ? parsed : EncryptType.Aes256;
        return KooJson.Serialize(appInfo with { UserName = Decrypt(appInfo.UserName), Password = Decrypt(appInfo.Password) });

        string? Decrypt(string? text)
        {
            try
            {
                return text is null ? null : FieldCipher.Decrypt(key, text, type);
            }
            catch (FieldCipherException)
            {
                return "(undecryptable) " + text;
            }
        }
    }
}

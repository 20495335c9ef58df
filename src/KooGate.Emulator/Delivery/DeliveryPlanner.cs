using System.Globalization;
using System.Text.Json.Nodes;
using KooGate.Emulator.Data;
using KooGate.Protocol;
using KooGate.Protocol.Crypto;
using KooGate.Protocol.Messages;

namespace KooGate.Emulator.Delivery;

/// <summary>
/// Turns a marketplace event into the call the product's interface version expects, built from the Protocol message
/// records (so a field can never be spelled two ways). Signing happens per attempt in <see cref="CallBuilder"/>.
/// </summary>
public static class DeliveryPlanner
{
    public static DeliveryJob? Create(Product product, Resource resource, Order order, Buyer buyer, DateTimeOffset now)
    {
        var line = order.Lines[0];
        var testFlag = order.Test ? TestFlags.Debug : null;
        object? message = product.InterfaceVersion switch
        {
            InterfaceVersion.SaasV2 or InterfaceVersion.OnlineLicense => new NewInstanceRequest { OrderId = order.OrderId, OrderLineId = line.OrderLineId, TestFlag = testFlag },
            InterfaceVersion.SaasV1 => new V1NewInstanceRequest
            {
                CustomerId = buyer.CustomerId,
                CustomerName = buyer.CustomerName,
                // saas-v1-and-joint.md §2.4: mobile and e-mail travel AES-encrypted with the V1 Key.
                MobilePhone = buyer.Mobile is { } mobile && product.V1Key is { } key ? FieldCipher.Encrypt(key, mobile) : null,
                Email = buyer.Email is { } email && product.V1Key is { } key2 ? FieldCipher.Encrypt(key2, email) : null,
                OrderId = order.OrderId,
                SkuCode = line.SkuCode,
                ProductId = line.ProductId,
                TestFlag = testFlag,
                TrialFlag = resource.Trial ? "1" : null,
                ExpireTime = line.ExpireTime is { } expire ? KooTime.ToUtc14(expire) : null,
                ChargingMode = V1ChargingMode(line.ChargingMode),
                Amount = Integer(line.LinearValue),
                PeriodType = IsPeriod(line) ? line.PeriodType : null,
                PeriodNumber = IsPeriod(line) ? line.PeriodNumber?.ToString(CultureInfo.InvariantCulture) : null,
                OrderAmount = Money(order.Amount),
            },
            InterfaceVersion.LicenseLegacy => new GetLicenseRequest
            {
                CustomerId = buyer.CustomerId,
                CustomerName = buyer.CustomerName,
                OrderId = order.OrderId,
                SkuCode = line.SkuCode,
                ProductId = line.ProductId,
                ExpireTime = line.ExpireTime is { } expire2 ? KooTime.ToUtc14(expire2) : null,
                PeriodType = IsPeriod(line) ? line.PeriodType : null,
                PeriodNumber = IsPeriod(line) ? line.PeriodNumber?.ToString(CultureInfo.InvariantCulture) : null,
                Amount = Integer(line.LinearValue),
                TestFlag = testFlag,
            },
            _ => null,
        };
        return message is null ? null : New(product, resource, order.OrderId, Activity(message), Serialize(message), now);
    }

    /// <summary>Renewal, trial-to-formal and renewal refund: the new expiry reaches the seller.</summary>
    public static DeliveryJob? Refresh(Product product, Resource resource, Order order, string scene, DateTimeOffset expireTime, DateTimeOffset now)
    {
        var line = order.Lines[0];
        var instanceId = resource.InstanceId;
        var testFlag = resource.Test ? TestFlags.Debug : null;
        var productId = line.ProductId == resource.ProductId ? null : line.ProductId;
        object? message = product.InterfaceVersion switch
        {
            _ when instanceId is null && product.InterfaceVersion != InterfaceVersion.LicenseCode => null,
            InterfaceVersion.SaasV2 or InterfaceVersion.OnlineLicense => new RefreshInstanceRequest
            {
                ExpireTime = KooTime.ToUtc14(expireTime),
                InstanceId = instanceId!,
                OrderId = order.OrderId,
                OrderLineId = line.OrderLineId,
                ProductId = productId,
                Scene = scene,
                TestFlag = testFlag,
            },
            InterfaceVersion.SaasV1 => new V1RefreshInstanceRequest
            {
                OrderId = order.OrderId,
                InstanceId = instanceId!,
                ProductId = productId,
                ExpireTime = KooTime.ToUtc14(expireTime),
                TrialToFormal = scene == RefreshScenes.TrialToFormal ? "1" : null,
                PeriodType = IsPeriod(line) ? line.PeriodType : null,
                PeriodNumber = IsPeriod(line) ? line.PeriodNumber?.ToString(CultureInfo.InvariantCulture) : null,
                // Renewal refund (退续费) carries a negative amount (saas-v1-and-joint.md §3.2).
                OrderAmount = Money(order.Amount),
                TestFlag = testFlag,
            },
            InterfaceVersion.LicenseLegacy => new RefreshLicenseRequest
            {
                OrderId = order.OrderId,
                InstanceId = instanceId!,
                ProductId = productId,
                ExpireTime = KooTime.ToUtc14(expireTime),
                PeriodType = IsPeriod(line) ? line.PeriodType : null,
                PeriodNumber = IsPeriod(line) ? line.PeriodNumber?.ToString(CultureInfo.InvariantCulture) : null,
                TestFlag = testFlag,
            },
            InterfaceVersion.LicenseCode => new RefreshLicenseCodeRequest
            {
                ExpireTime = KooTime.ToUtc14(expireTime),
                License = resource.LicenseCode!,
                OrderId = order.OrderId,
                OrderLineId = line.OrderLineId,
                ProductId = productId,
                // License code 2.0 knows RENEWAL and UNSUBSCRIBE_RENEWAL_PERIOD only (§C.1.1).
                Scene = scene == RefreshScenes.UnsubscribeRenewalPeriod ? scene : RefreshScenes.Renewal,
                TestFlag = testFlag,
            },
            _ => null,
        };
        return message is null ? null : New(product, resource, order.OrderId, Activity(message), Serialize(message), now);
    }

    /// <summary>Expiry freeze (<paramref name="freeze"/>) or unfreeze after a renewal.</summary>
    public static DeliveryJob? Status(Product product, Resource resource, bool freeze, DateTimeOffset now)
    {
        var testFlag = resource.Test ? TestFlags.Debug : null;
        var status = freeze ? InstanceStatuses.Freeze : InstanceStatuses.Unfreeze;
        object? message = product.InterfaceVersion switch
        {
            _ when resource.InstanceId is null && product.InterfaceVersion != InterfaceVersion.LicenseCode => null,
            InterfaceVersion.SaasV2 or InterfaceVersion.OnlineLicense => new UpdateInstanceStatusRequest { InstanceId = resource.InstanceId!, Status = status, TestFlag = testFlag },
            // V1 period products are frozen by expireInstance and thawed by the renewal itself; on-demand ones use instanceStatus.
            InterfaceVersion.SaasV1 when product.ChargingMode is ChargingModes.OnDemand => new V1InstanceStatusRequest
            {
                InstanceId = resource.InstanceId!,
                InstanceStatus = freeze ? V1InstanceStatuses.Freeze : V1InstanceStatuses.Normal,
                TestFlag = testFlag,
            },
            InterfaceVersion.SaasV1 when freeze => new V1ExpireInstanceRequest { InstanceId = resource.InstanceId!, OrderId = resource.OrderId, TestFlag = testFlag },
            InterfaceVersion.LicenseLegacy when freeze => new ExpireLicenseRequest { InstanceId = resource.InstanceId!, OrderId = resource.OrderId, TestFlag = testFlag },
            InterfaceVersion.LicenseCode => new UpdateLicenseCodeStatusRequest { License = resource.LicenseCode!, Status = status, TestFlag = testFlag },
            _ => null,
        };
        return message is null ? null : New(product, resource, null, Activity(message), Serialize(message), now);
    }

    /// <summary>Release after the freeze period, or at once for an unsubscription (then naming that order).</summary>
    public static DeliveryJob? Release(Product product, Resource resource, Order? unsubscribe, DateTimeOffset now)
    {
        var testFlag = resource.Test ? TestFlags.Debug : null;
        object? message = product.InterfaceVersion switch
        {
            _ when resource.InstanceId is null && product.InterfaceVersion != InterfaceVersion.LicenseCode => null,
            InterfaceVersion.SaasV2 or InterfaceVersion.OnlineLicense => new ReleaseInstanceRequest
            {
                InstanceId = resource.InstanceId!,
                OrderId = unsubscribe?.OrderId,
                OrderLineId = unsubscribe?.Lines[0].OrderLineId,
                TestFlag = testFlag,
            },
            InterfaceVersion.SaasV1 => new V1ReleaseInstanceRequest { InstanceId = resource.InstanceId!, OrderId = resource.OrderId, TestFlag = testFlag },
            InterfaceVersion.LicenseLegacy => new ReleaseLicenseRequest { InstanceId = resource.InstanceId!, OrderId = resource.OrderId, TestFlag = testFlag },
            InterfaceVersion.LicenseCode => new ReleaseLicenseCodeRequest
            {
                License = resource.LicenseCode!,
                OrderId = unsubscribe?.OrderId,
                OrderLineId = unsubscribe?.Lines[0].OrderLineId,
                TestFlag = testFlag,
            },
            _ => null,
        };
        return message is null ? null : New(product, resource, unsubscribe?.OrderId, Activity(message), Serialize(message), now);
    }

    /// <summary>Paid upgrade; null when the version has no upgrade call (License products).</summary>
    public static DeliveryJob? Upgrade(Product product, Resource resource, Order order, DateTimeOffset now)
    {
        var line = order.Lines[0];
        var testFlag = resource.Test ? TestFlags.Debug : null;
        object? message = product.InterfaceVersion switch
        {
            _ when resource.InstanceId is null => null,
            InterfaceVersion.SaasV2 => new UpgradeInstanceRequest
            {
                InstanceId = resource.InstanceId!,
                OrderId = order.OrderId,
                OrderLineId = line.OrderLineId,
                TestFlag = testFlag,
            },
            InterfaceVersion.SaasV1 => new V1UpgradeRequest
            {
                InstanceId = resource.InstanceId!,
                OrderId = order.OrderId,
                SkuCode = line.SkuCode,
                ProductId = line.ProductId,
                Amount = Integer(line.LinearValue),
                TestFlag = testFlag,
            },
            _ => null,
        };
        return message is null ? null : New(product, resource, order.OrderId, Activity(message), Serialize(message), now);
    }

    /// <summary>
    /// 续费变更校验 (saas-v2.md §3.7): may the instance be renewed as <paramref name="target"/> with
    /// <paramref name="linearValue"/>? <c>productInfo</c>'s structure is unconfirmed; it is sent as the object
    /// <c>{skuCode, productId, linearValue}</c> by analogy with the older create body (§3.1.4). Asked once, synchronously.
    /// </summary>
    public static DeliveryJob ChangeCheck(Product product, Resource resource, Product target, decimal? linearValue, DateTimeOffset now)
    {
        var message = new ChangeInstanceCheckRequest
        {
            InstanceId = resource.InstanceId ?? throw new InvalidOperationException("the instance has not been created"),
            ProductInfo = new ChangeProductInfo { SkuCode = target.SkuCode, ProductId = target.ProductId, LinearValue = linearValue }.ToJsonElement(),
            TestFlag = resource.Test ? TestFlags.Debug : null,
        };
        var delivery = New(product, resource, null, message.Activity, KooJson.Serialize(message), now);
        delivery.NextAttemptAt = null;
        delivery.DeadlineAt = now;
        delivery.IntervalSeconds = 0;
        return delivery;
    }

    /// <summary>
    /// 异步申请License (§C.3): the buyer's client asked for a license for one device. <paramref name="eventId"/> is the
    /// marketplace event the seller uploads the license under; the instance's expiry travels for periodic products.
    /// </summary>
    public static DeliveryJob LicenseRequest(Product product, Resource resource, string eventId, string? deviceFingerprint, DateTimeOffset now)
    {
        var message = new GetLicenseAsyncRequest
        {
            DeviceFingerprint = deviceFingerprint,
            // The documented example is "2023-10-27 10:30:15 z" (UTC).
            EffectiveTime = now.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) + " z",
            EventId = eventId,
            ExpireTime = resource.ExpireTime is { } expire ? KooTime.ToUtc14(expire) : null,
            InstanceId = resource.InstanceId ?? throw new InvalidOperationException("the instance has not been created"),
            TestFlag = resource.Test ? TestFlags.Debug : null,
        };
        return New(product, resource, null, message.Activity, KooJson.Serialize(message), now);
    }

    /// <summary>
    /// A Kit sync; never retried automatically. Kit V1 carries <c>userList</c> as a string holding the JSON array
    /// (saas-v1-and-joint.md §5.3); allOrgSync V1 has its own message (<see cref="AllOrgSyncV1Request"/>).
    /// </summary>
    public static DeliveryJob Kit<T>(Product product, Resource resource, string name, T message, DateTimeOffset now)
    {
        var payload = KooJson.Serialize(message);
        if (product.KitVersion == KitVersion.V1 && JsonNode.Parse(payload) is JsonObject body && body["userList"] is JsonArray users)
        {
            body["userList"] = users.ToJsonString();
            payload = body.ToJsonString();
        }

        return New(product, resource, null, name, payload, now, kit: true);
    }

    /// <summary>
    /// 订单通知 for an order just placed, when the product has an order-notification address (§D.1). With
    /// <paramref name="first"/> it falls due a tick before the order's own call, so it is delivered first.
    /// </summary>
    public static DeliveryJob? OrderNotify(Product product, Order order, DateTimeOffset now, bool first = false)
    {
        if (product.OrderNotifyUrl is null)
        {
            return null;
        }

        var message = new OrderNotifyRequest
        {
            OrderId = order.OrderId,
            OrderLineId = order.Lines[0].OrderLineId,
            // Mandatory in the table, "0" for a real order.
            TestFlag = order.Test ? TestFlags.Debug : TestFlags.Real,
        };
        var delivery = New(product, new Resource { ResourceId = order.ResourceId }, order.OrderId, message.Activity, KooJson.Serialize(message), now);
        if (first)
        {
            // Deliveries run in (due time, id) order and the call that applies the order is due now.
            delivery.NextAttemptAt = now.AddTicks(-1);
        }

        return delivery;
    }

    private static DeliveryJob New(Product product, Resource resource, string? orderId, string activity, string payload, DateTimeOffset now, bool kit = false)
    {
        var schedule = RetrySchedule.For(product.InterfaceVersion, activity, kit);
        return new DeliveryJob
        {
            ResourceId = resource.ResourceId,
            OrderId = orderId,
            Activity = activity,
            Kit = kit,
            Version = product.InterfaceVersion,
            PayloadJson = payload,
            State = DeliveryState.Pending,
            CreatedAt = now,
            NextAttemptAt = now,
            DeadlineAt = now + schedule.Window,
            IntervalSeconds = (int)schedule.Interval.TotalSeconds,
            PollIntervalSeconds = (int)RetrySchedule.PollInterval.TotalSeconds,
            FailsOrder = schedule.FailsOrder,
        };
    }

    private static string Serialize(object message) => message switch
    {
        NewInstanceRequest m => KooJson.Serialize(m),
        V1NewInstanceRequest m => KooJson.Serialize(m),
        GetLicenseRequest m => KooJson.Serialize(m),
        RefreshInstanceRequest m => KooJson.Serialize(m),
        V1RefreshInstanceRequest m => KooJson.Serialize(m),
        RefreshLicenseRequest m => KooJson.Serialize(m),
        RefreshLicenseCodeRequest m => KooJson.Serialize(m),
        UpdateInstanceStatusRequest m => KooJson.Serialize(m),
        V1InstanceStatusRequest m => KooJson.Serialize(m),
        V1ExpireInstanceRequest m => KooJson.Serialize(m),
        ExpireLicenseRequest m => KooJson.Serialize(m),
        UpdateLicenseCodeStatusRequest m => KooJson.Serialize(m),
        ReleaseInstanceRequest m => KooJson.Serialize(m),
        V1ReleaseInstanceRequest m => KooJson.Serialize(m),
        ReleaseLicenseRequest m => KooJson.Serialize(m),
        ReleaseLicenseCodeRequest m => KooJson.Serialize(m),
        UpgradeInstanceRequest m => KooJson.Serialize(m),
        GetLicenseAsyncRequest m => KooJson.Serialize(m),
        V1UpgradeRequest m => KooJson.Serialize(m),
        ChangeInstanceCheckRequest m => KooJson.Serialize(m),
        _ => throw new ArgumentException($"{message.GetType().Name} is not a production-interface request", nameof(message)),
    };

    private static string Activity(object message) =>
        message.GetType().GetProperty("Activity")?.GetValue(message) as string
        ?? throw new ArgumentException("the message has no activity", nameof(message));

    private static string? V1ChargingMode(string mode) => mode switch
    {
        ChargingModes.OnDemand => V1ChargingModes.OnDemand,
        ChargingModes.Period => V1ChargingModes.Period,
        ChargingModes.OneTime => V1ChargingModes.OneTime,
        ChargingModes.OnDemandPackage => V1ChargingModes.OnDemandPackage,
        _ => null,
    };

    /// <summary>V1 periodType is <c>year</c>/<c>month</c> only; trial lines (days) send none.</summary>
    private static bool IsPeriod(Data.OrderLine line) => line.PeriodType is PeriodTypes.Year or PeriodTypes.Month && line.PeriodNumber is not null;

    private static string? Integer(decimal? value) => value is { } v ? decimal.Truncate(v).ToString(CultureInfo.InvariantCulture) : null;

    private static string Money(decimal value) => value.ToString("0.00", CultureInfo.InvariantCulture);
}

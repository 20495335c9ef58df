using KooGate.Conformance.Wire;
using KooGate.Protocol;
using KooGate.Protocol.Messages;

namespace KooGate.Conformance.Profiles;

/// <summary>The requests of each instance-shaped family, built from the typed messages of KooGate.Protocol.</summary>
internal static class InstanceFamilies
{
    private const string ProductId = "KGCHECKPRODUCT";
    private const string SkuCode = "KGCHECKSKU";

    /// <summary>SaaS V2 basic interfaces (saas-v2.md §3.1-3.7).</summary>
    public static InstanceApi SaasV2(Uri url, string key, TimeProvider time)
    {
        var channel = new V2Channel(url, key, time);
        WireRequest Post<T>(T message, Fault fault) => channel.Build(null, KooJson.SerializeToUtf8Bytes(message), fault);

        return new InstanceApi(
            "saas-v2", channel, "saas-v2.md §3, §5 (debugger checks)",
            V2Create(channel),
            InstanceOperation.Of<QueryInstanceResponse>(Activities.QueryInstance, (a, f) => Post(new QueryInstanceRequest
            {
                InstanceId = a.InstanceId,
                TestFlag = a.TestFlag,
            }, f)),
            [
                Refresh(RefreshScenes.Renewal),
                Refresh(RefreshScenes.TrialToFormal),
                Refresh(RefreshScenes.UnsubscribeRenewalPeriod),
                InstanceOperation.Of<ProduceResponse>(Activities.ChangeInstanceCheck, (a, f) => Post(new ChangeInstanceCheckRequest
                {
                    InstanceId = a.InstanceId, TestFlag = a.TestFlag,
                    ProductInfo = new ChangeProductInfo { ProductId = ProductId, SkuCode = SkuCode, LinearValue = 2 }.ToJsonElement(),
                }, f), unknownIsNotFound: false, changeOnly: true),
                Refresh(RefreshScenes.RenewalChange, changeOnly: true),
                InstanceOperation.Of<ProduceResponse>(Activities.UpgradeInstance, (a, f) => Post(new UpgradeInstanceRequest
                {
                    InstanceId = a.InstanceId, OrderId = a.OrderId, OrderLineId = a.OrderLineId, TestFlag = a.TestFlag,
                }, f), unknownIsNotFound: false),
                Status(InstanceStatuses.Freeze),
                Status(InstanceStatuses.Unfreeze),
                V2Release(channel),
            ]);

        InstanceOperation Status(string status) => V2Status(channel, status);

        InstanceOperation Refresh(string scene, bool changeOnly = false) => V2Refresh(channel, time, scene, changeOnly);
    }

    /// <summary>
    /// 在线开通License (license-order-openapi.md §C.3): the V2 instance interfaces without a query, and
    /// <c>getLicenseAsync</c>, whose license arrives through the upload open API.
    /// </summary>
    public static InstanceApi OnlineLicense(Uri url, string key, TimeProvider time)
    {
        var channel = new V2Channel(url, key, time);
        return new InstanceApi(
            "online-license", channel, "license-order-openapi.md §C.3, §A.3",
            V2Create(channel),
            null,
            [
                V2Refresh(channel, time, RefreshScenes.Renewal),
                V2Refresh(channel, time, RefreshScenes.TrialToFormal),
                V2Refresh(channel, time, RefreshScenes.UnsubscribeRenewalPeriod),
                V2Refresh(channel, time, RefreshScenes.RenewalChange, changeOnly: true),
                InstanceOperation.Of<ProduceResponse>(Activities.GetLicenseAsync, (a, f) => Post(channel, new GetLicenseAsyncRequest
                {
                    InstanceId = a.InstanceId, EventId = a.BusinessId, EffectiveTime = time.GetUtcNow().ToString("yyyy-MM-dd HH:mm:ss 'z'", System.Globalization.CultureInfo.InvariantCulture),
                    ExpireTime = time.GetUtcNow().AddYears(1).ToString("yyyy-MM-dd HH:mm:ss 'z'", System.Globalization.CultureInfo.InvariantCulture),
                    DeviceFingerprint = "04:7C:16:5E:E3:5D|KGCHECKDISK||KGCHECKCPU", TestFlag = a.TestFlag,
                }, f)),
                V2Status(channel, InstanceStatuses.Freeze),
                V2Status(channel, InstanceStatuses.Unfreeze),
                V2Release(channel),
            ]);
    }

    private static WireRequest Post<T>(V2Channel channel, T message, Fault fault) =>
        channel.Build(null, KooJson.SerializeToUtf8Bytes(message), fault);

    private static InstanceOperation V2Create(V2Channel channel) =>
        InstanceOperation.Creating<NewInstanceResponse>(Activities.NewInstance, (a, f) => Post(channel, new NewInstanceRequest
        {
            BusinessId = a.BusinessId,
            OrderId = a.OrderId,
            OrderLineId = a.OrderLineId,
            TestFlag = a.TestFlag,
        }, f), NewInstanceIdentity);

    private static Identity NewInstanceIdentity(NewInstanceResponse reply) => Identity.Of(("instanceId", reply.InstanceId));

    private static InstanceOperation V2Release(V2Channel channel) =>
        InstanceOperation.Of<ProduceResponse>(Activities.ReleaseInstance, (a, f) => Post(channel, new ReleaseInstanceRequest
        {
            InstanceId = a.InstanceId,
            TestFlag = a.TestFlag,
        }, f));

    private static InstanceOperation V2Status(V2Channel channel, string status) =>
        InstanceOperation.Of<ProduceResponse>($"{Activities.UpdateInstanceStatus} {status}", (a, f) => Post(channel, new UpdateInstanceStatusRequest
        {
            InstanceId = a.InstanceId,
            Status = status,
            TestFlag = a.TestFlag,
        }, f));

    /// <summary>One <c>refreshInstance</c> scene (saas-v2.md §3.3); the renewal keeps the plain interface name.</summary>
    private static InstanceOperation V2Refresh(V2Channel channel, TimeProvider time, string scene, bool changeOnly = false) =>
        InstanceOperation.Of<ProduceResponse>(
            scene == RefreshScenes.Renewal ? Activities.RefreshInstance : $"{Activities.RefreshInstance} {scene}",
            (a, f) => Post(channel, new RefreshInstanceRequest
            {
                ExpireTime = KooTime.ToUtc14(time.GetUtcNow().AddYears(scene == RefreshScenes.UnsubscribeRenewalPeriod ? 0 : 1).AddMonths(1)),
                InstanceId = a.InstanceId,
                OrderId = a.OrderId,
                OrderLineId = a.OrderLineId,
                Scene = scene,
                TestFlag = a.TestFlag,
            }, f), changeOnly: changeOnly);

    /// <summary>SaaS V1 GET interfaces (saas-v1-and-joint.md §3).</summary>
    public static InstanceApi SaasV1(Uri url, string key, TimeProvider time)
    {
        var channel = new V1GetChannel(url, key, time);
        string Expiry() => KooTime.ToUtc14(time.GetUtcNow().AddMonths(1));

        return new InstanceApi(
            "saas-v1", channel, "saas-v1-and-joint.md §3, §2.3 (Body-Sign); saas-v2.md §5",
            InstanceOperation.Creating<NewInstanceResponse>(Activities.NewInstance, (a, f) => channel.Build(new V1NewInstanceRequest
            {
                BusinessId = a.BusinessId,
                CustomerId = "KGCHECKCUSTOMER",
                CustomerName = "koogate-check",
                OrderId = a.OrderId,
                ProductId = ProductId,
                SkuCode = SkuCode,
                ChargingMode = V1ChargingModes.Period,
                PeriodType = PeriodTypes.Month,
                PeriodNumber = "1",
                ExpireTime = Expiry(),
                TestFlag = a.TestFlag,
            }.ToQuery(), f), NewInstanceIdentity),
            InstanceOperation.Of<QueryInstanceResponse>(Activities.QueryInstance, (a, f) => channel.Build(new V1QueryInstanceRequest
            {
                InstanceId = a.InstanceId,
                TestFlag = a.TestFlag,
            }.ToQuery(), f)),
            [
                InstanceOperation.Of<ProduceResponse>(Activities.RefreshInstance, (a, f) => channel.Build(new V1RefreshInstanceRequest
                {
                    OrderId = a.OrderId, InstanceId = a.InstanceId, ExpireTime = Expiry(), PeriodType = PeriodTypes.Month,
                    PeriodNumber = "1", TestFlag = a.TestFlag,
                }.ToQuery(), f)),
                InstanceOperation.Of<ProduceResponse>(Activities.Upgrade, (a, f) => channel.Build(new V1UpgradeRequest
                {
                    InstanceId = a.InstanceId, OrderId = a.OrderId, SkuCode = SkuCode, ProductId = ProductId, TestFlag = a.TestFlag,
                }.ToQuery(), f), unknownIsNotFound: false),
                Status(V1InstanceStatuses.Freeze),
                Status(V1InstanceStatuses.Normal),
                InstanceOperation.Of<ProduceResponse>(Activities.ExpireInstance, (a, f) => channel.Build(new V1ExpireInstanceRequest
                {
                    InstanceId = a.InstanceId, OrderId = a.OrderId, TestFlag = a.TestFlag,
                }.ToQuery(), f)),
                InstanceOperation.Of<ProduceResponse>(Activities.ReleaseInstance, (a, f) => channel.Build(new V1ReleaseInstanceRequest
                {
                    InstanceId = a.InstanceId, OrderId = a.OrderId, TestFlag = a.TestFlag,
                }.ToQuery(), f)),
            ]);

        InstanceOperation Status(string status) =>
            InstanceOperation.Of<ProduceResponse>($"{Activities.InstanceStatus} {status}", (a, f) => channel.Build(new V1InstanceStatusRequest
            {
                InstanceId = a.InstanceId,
                InstanceStatus = status,
                TestFlag = a.TestFlag,
            }.ToQuery(), f), unknownIsNotFound: false);
    }

    /// <summary>Legacy License GET interfaces (license-order-openapi.md §B): no query, so the lifecycle is judged by its answers.</summary>
    public static InstanceApi LegacyLicense(Uri url, string key, TimeProvider time)
    {
        var channel = new V1GetChannel(url, key, time);
        string Expiry() => KooTime.ToUtc14(time.GetUtcNow().AddYears(1));

        return new InstanceApi(
            "license", channel, "license-order-openapi.md §B, §A.2 (Body-Sign)",
            InstanceOperation.Creating<GetLicenseResponse>(Activities.GetLicense, (a, f) => channel.Build(new GetLicenseRequest
            {
                BusinessId = a.BusinessId,
                CustomerId = "KGCHECKCUSTOMER",
                OrderId = a.OrderId,
                ProductId = ProductId,
                SkuCode = SkuCode,
                ExpireTime = Expiry(),
                PeriodType = PeriodTypes.Year,
                PeriodNumber = "1",
                TestFlag = a.TestFlag,
            }.ToQuery(), f), reply => Identity.Of(("instanceId", reply.InstanceId), ("license", reply.License))),
            null,
            [
                InstanceOperation.Of<ProduceResponse>(Activities.RefreshLicense, (a, f) => channel.Build(new RefreshLicenseRequest
                {
                    OrderId = a.OrderId, InstanceId = a.InstanceId, ExpireTime = Expiry(), PeriodType = PeriodTypes.Year,
                    PeriodNumber = "1", TestFlag = a.TestFlag,
                }.ToQuery(), f)),
                InstanceOperation.Of<ProduceResponse>(Activities.ExpireLicense, (a, f) => channel.Build(new ExpireLicenseRequest
                {
                    InstanceId = a.InstanceId, OrderId = a.OrderId, TestFlag = a.TestFlag,
                }.ToQuery(), f)),
                InstanceOperation.Of<ProduceResponse>(Activities.ReleaseLicense, (a, f) => channel.Build(new ReleaseLicenseRequest
                {
                    InstanceId = a.InstanceId, OrderId = a.OrderId, TestFlag = a.TestFlag,
                }.ToQuery(), f)),
            ]);
    }

    /// <summary>
    /// License code 2.0 (license-order-openapi.md §C.1): the codes are the marketplace's, so nothing is created here, and
    /// a code the seller has not seen yet (not activated) is not an error, so no 000003 rule is enforced (§C.0).
    /// </summary>
    public static InstanceApi LicenseCode(Uri url, string key, TimeProvider time)
    {
        var channel = new V2Channel(url, key, time);
        WireRequest Post<T>(T message, Fault fault) => channel.Build(null, KooJson.SerializeToUtf8Bytes(message), fault);

        return new InstanceApi(
            "license-code", channel, "license-order-openapi.md §C.1",
            null, null,
            [
                InstanceOperation.Of<ProduceResponse>(Activities.RefreshLicenseCode, (a, f) => Post(new RefreshLicenseCodeRequest
                {
                    ExpireTime = KooTime.ToUtc14(time.GetUtcNow().AddYears(1)), License = a.InstanceId, OrderId = a.OrderId,
                    OrderLineId = a.OrderLineId, Scene = RefreshScenes.Renewal, TestFlag = a.TestFlag,
                }, f), unknownIsNotFound: false),
                Status(InstanceStatuses.Freeze),
                Status(InstanceStatuses.Unfreeze),
                InstanceOperation.Of<ProduceResponse>(Activities.ReleaseLicenseCode, (a, f) => Post(new ReleaseLicenseCodeRequest
                {
                    License = a.InstanceId, TestFlag = a.TestFlag,
                }, f), unknownIsNotFound: false),
            ],
            "license codes are created by the marketplace (activation open API), not through this interface");

        InstanceOperation Status(string status) =>
            InstanceOperation.Of<ProduceResponse>($"{Activities.UpdateLicenseCodeStatus} {status}", (a, f) => Post(new UpdateLicenseCodeStatusRequest
            {
                License = a.InstanceId,
                Status = status,
                TestFlag = a.TestFlag,
            }, f), unknownIsNotFound: false);
    }

    /// <summary>订单通知 (license-order-openapi.md §D.1), signed with the 通用接口 key.</summary>
    public static InstanceApi OrderNotify(Uri url, string key, TimeProvider time)
    {
        var channel = new V2Channel(url, key, time);
        return new InstanceApi(
            "order-notify", channel, "license-order-openapi.md §D.1",
            null, null,
            [
                InstanceOperation.Of<ProduceResponse>(Activities.OrderNotify, (a, f) => channel.Build(null, KooJson.SerializeToUtf8Bytes(new OrderNotifyRequest
                {
                    OrderId = a.OrderId, OrderLineId = a.OrderLineId, TestFlag = a.TestFlag,
                }), f), unknownIsNotFound: false),
            ],
            "orderNotify only announces an order; the seller's own 查询订单 call decides what is created, which the wire does not show");
    }
}

using KooGate.Protocol.Messages;
using KooGate.Server.Configuration;
using KooGate.Server.Produce.KitV2;
using KooGate.Server.Produce.License;
using KooGate.Server.Produce.OrderNotify;
using KooGate.Server.Produce.Pipeline;
using KooGate.Server.Produce.Pipeline.Families;
using KooGate.Server.Produce.SaasV1;
using KooGate.Server.Produce.SaasV2;

namespace KooGate.Server.Produce;

/// <summary>
/// The production interface in one place: the pipeline, its four families and every handler, keyed by what selects it.
/// </summary>
public static class ProduceRegistration
{
    public static IServiceCollection AddKooGateProduce(this IServiceCollection services)
    {
        services.AddSingleton<ProducePipeline>();
        services.AddSingleton<CallDeadline>();
        services.AddSingleton<NonceReplayGuard>();
        services.AddSingleton<V2BasicFamily>();
        services.AddSingleton<KitV2Family>();
        services.AddSingleton<V1GetFamily>();
        services.AddSingleton<KitV1Family>();
        services.AddSingleton<KitRoutes>();

        // SaaS V2 (saas-v2.md §3), basic key.
        services.AddActivityHandler<NewInstanceHandler, NewInstanceMessage>(Activities.NewInstance, NewInstanceMessage.Bind, InterfaceType.Basic);
        services.AddActivityHandler<QueryInstanceHandler, QueryInstanceRequest>(Activities.QueryInstance, InterfaceType.Basic);
        services.AddActivityHandler<RefreshInstanceHandler, RefreshInstanceRequest>(Activities.RefreshInstance, InterfaceType.Basic);
        services.AddActivityHandler<UpdateInstanceStatusHandler, UpdateInstanceStatusRequest>(Activities.UpdateInstanceStatus, InterfaceType.Basic);
        services.AddActivityHandler<ReleaseInstanceHandler, ReleaseInstanceRequest>(Activities.ReleaseInstance, InterfaceType.Basic);
        services.AddActivityHandler<UpgradeInstanceHandler, UpgradeInstanceRequest>(Activities.UpgradeInstance, InterfaceType.Basic);
        services.AddActivityHandler<ChangeInstanceCheckHandler, ChangeInstanceCheckRequest>(Activities.ChangeInstanceCheck, InterfaceType.Basic);

        // License code 2.0 (license-order-openapi.md §B), License key.
        services.AddActivityHandler<RefreshLicenseCodeHandler, RefreshLicenseCodeRequest>(Activities.RefreshLicenseCode, InterfaceType.License);
        services.AddActivityHandler<UpdateLicenseCodeStatusHandler, UpdateLicenseCodeStatusRequest>(Activities.UpdateLicenseCodeStatus, InterfaceType.License);
        services.AddActivityHandler<ReleaseLicenseCodeHandler, ReleaseLicenseCodeRequest>(Activities.ReleaseLicenseCode, InterfaceType.License);

        // The online-license guide does not say which bound key covers getLicenseAsync: it sits beside the instance
        // activities (basic key) but delivers a license (License key). Either verifies.
        services.AddActivityHandler<GetLicenseAsyncHandler, GetLicenseAsyncRequest>(Activities.GetLicenseAsync, InterfaceType.License, InterfaceType.Basic);

        // 通用接口 (license-order-openapi.md §D), general key.
        services.AddActivityHandler<OrderNotifyHandler, OrderNotifyRequest>(Activities.OrderNotify, InterfaceType.General);

        // Kit syncs, V2 (x-sign) and V1 (authToken header) alike (saas-v2.md §3.8; saas-v1-and-joint.md §5).
        services.AddKitHandler<TenantSyncHandler, TenantSyncRequest>(KitInterfaces.TenantSync);
        services.AddKitHandler<ApplicationSyncHandler, ApplicationSyncRequest>(KitInterfaces.ApplicationSync);
        services.AddKitHandler<AuthSyncHandler, AuthSyncRequest>(KitInterfaces.AuthSync);
        services.AddKitHandler<SingleOrgSyncHandler, SingleOrgSyncRequest>(KitInterfaces.SingleOrgSync);
        services.AddKitHandler<AllOrgSyncHandler, AllOrgSyncRequest>(KitInterfaces.AllOrgSync);

        // SaaS V1 and the legacy License guide (GET, V1 Key; saas-v1-and-joint.md §3).
        services.AddV1Handler<V1NewInstanceHandler, V1NewInstanceRequest>(Activities.NewInstance, "saas-v1", V1NewInstanceRequest.FromQuery);
        services.AddV1Handler<V1RefreshInstanceHandler, V1RefreshInstanceRequest>(Activities.RefreshInstance, "saas-v1", V1RefreshInstanceRequest.FromQuery);
        services.AddV1Handler<V1ExpireInstanceHandler, V1ExpireInstanceRequest>(Activities.ExpireInstance, "saas-v1", V1ExpireInstanceRequest.FromQuery);
        services.AddV1Handler<V1ReleaseInstanceHandler, V1ReleaseInstanceRequest>(Activities.ReleaseInstance, "saas-v1", V1ReleaseInstanceRequest.FromQuery);
        services.AddV1Handler<V1UpgradeHandler, V1UpgradeRequest>(Activities.Upgrade, "saas-v1", V1UpgradeRequest.FromQuery);
        services.AddV1Handler<V1InstanceStatusHandler, V1InstanceStatusRequest>(Activities.InstanceStatus, "saas-v1", V1InstanceStatusRequest.FromQuery);
        services.AddV1Handler<V1QueryInstanceHandler, V1QueryInstanceRequest>(Activities.QueryInstance, "saas-v1", V1QueryInstanceRequest.FromQuery);
        services.AddV1Handler<GetLicenseHandler, GetLicenseRequest>(Activities.GetLicense, "license-v1", GetLicenseRequest.FromQuery);
        services.AddV1Handler<RefreshLicenseHandler, RefreshLicenseRequest>(Activities.RefreshLicense, "license-v1", RefreshLicenseRequest.FromQuery);
        services.AddV1Handler<ExpireLicenseHandler, ExpireLicenseRequest>(Activities.ExpireLicense, "license-v1", ExpireLicenseRequest.FromQuery);
        services.AddV1Handler<ReleaseLicenseHandler, ReleaseLicenseRequest>(Activities.ReleaseLicense, "license-v1", ReleaseLicenseRequest.FromQuery);
        return services;
    }

    /// <summary>The four addresses of the production interface, each one family through the same pipeline.</summary>
    public static void MapKooGateProduce(this IEndpointRouteBuilder app, string path)
    {
        app.MapPost(path, (HttpContext context, ProducePipeline pipeline, V2BasicFamily family) => pipeline.RunAsync(context, family));
        app.MapPost(path + KitInterfaces.V2PathPrefix + "{name}",
            (HttpContext context, string name, ProducePipeline pipeline, KitV2Family family) => pipeline.RunAsync(context, family, name));
        app.MapGet(path, (HttpContext context, ProducePipeline pipeline, V1GetFamily family) => pipeline.RunAsync(context, family));
        app.MapPost(path + KitInterfaces.V1PathPrefix + "{name}",
            (HttpContext context, string name, ProducePipeline pipeline, KitV1Family family) => pipeline.RunAsync(context, family, name));
    }
}

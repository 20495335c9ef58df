using KooGate.Server.Dashboard;

namespace KooGate.Server.Admin;

/// <summary>
/// The operator and seller-app API under <c>/admin/api</c>; nothing there is reachable unauthenticated
/// (<see cref="AdminAuthentication"/>: API key, or a dashboard session for reading).
/// </summary>
public static class AdminApi
{
    public const string Policy = "KooGate.Admin";

    public const string Role = "koogate-admin";

    public const string Prefix = "/admin/api";

    public static IServiceCollection AddKooGateAdmin(this IServiceCollection services)
    {
        services.AddKooGateAuthentication();
        services.AddSingleton<AdminUsers>();
        services.AddAuthorizationBuilder()
            .AddPolicy(Policy, policy => policy.AddAuthenticationSchemes(AdminAuthentication.SchemeName).RequireRole(Role));
        services.AddLoginRateLimit();
        return services;
    }

    public static IEndpointRouteBuilder MapKooGateAdmin(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup(Prefix).RequireAuthorization(Policy).WithTags("admin");
        api.MapInstanceAdmin();
        api.MapOutboxAdmin();
        api.MapCallbackAdmin();
        api.MapTenantAdmin();
        Usage.UsageAdminEndpoints.MapUsageAdmin(api);
        return app;
    }

    /// <summary>Clamps a caller's page size.</summary>
    public static int Take(int? requested) => Math.Clamp(requested ?? 50, 1, 500);
}

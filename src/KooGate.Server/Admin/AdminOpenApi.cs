using Microsoft.OpenApi;
using Scalar.AspNetCore;

namespace KooGate.Server.Admin;

/// <summary>
/// The admin API described at <c>/openapi/v1.json</c> and browsable at <c>/scalar/v1</c>; both need the same
/// authorization as the API (a dashboard session is enough to read them).
/// </summary>
public static class AdminOpenApi
{
    private const string ApiKeySchemeId = "ApiKey";

    public static IServiceCollection AddKooGateOpenApi(this IServiceCollection services) => services.AddOpenApi(o =>
    {
        o.ShouldInclude = description => description.RelativePath?.StartsWith(AdminApi.Prefix.TrimStart('/'), StringComparison.Ordinal) == true;
        o.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "KooGate admin API";
            document.Info.Description = "Operator and seller-application API. Send the admin API key in the X-Api-Key header.";
            document.Components ??= new OpenApiComponents();
            document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
            document.Components.SecuritySchemes[ApiKeySchemeId] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.ApiKey,
                In = ParameterLocation.Header,
                Name = ApiKeyAuthentication.HeaderName,
                Description = "KooGate:Admin:ApiKey",
            };
            document.Security ??= [];
            document.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(ApiKeySchemeId, document)] = [] });
            return Task.CompletedTask;
        });
    });

    public static IEndpointRouteBuilder MapKooGateOpenApi(this IEndpointRouteBuilder app)
    {
        app.MapOpenApi().RequireAuthorization(AdminApi.Policy);
        app.MapScalarApiReference(o => o.WithTitle("KooGate admin API").AddPreferredSecuritySchemes(ApiKeySchemeId))
            .RequireAuthorization(AdminApi.Policy);
        return app;
    }
}

using System.Text.Json.Serialization;
using KooGate.Emulator.Api;
using KooGate.Emulator.Catalog;
using KooGate.Emulator.Catalog.Listing;
using KooGate.Emulator.Clock;
using KooGate.Emulator.Data;
using KooGate.Emulator.Delivery;
using KooGate.Emulator.Identity;
using KooGate.Emulator.Kit;
using KooGate.Emulator.Lifecycle;
using KooGate.Emulator.OpenApi;
using KooGate.Emulator.Orders;
using KooGate.Emulator.Page;
using KooGate.Emulator.Probes;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace KooGate.Emulator;

/// <summary>
/// KooGallery in a box: the marketplace model, the virtual clock, the calls to production interfaces and the open APIs
/// a seller calls. <c>koogate emulate</c> hosts it; tests host it on a loopback port.
/// </summary>
public static class EmulatorApp
{
    /// <summary>Builds the emulator. <paramref name="realTime"/> is the wall clock under the virtual one (tests pass a fake).</summary>
    public static WebApplication Build(string[] args, Action<EmulatorOptions>? configure = null, TimeProvider? realTime = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args });
        var services = builder.Services;
        services.AddOptions<EmulatorOptions>().BindConfiguration(EmulatorOptions.Section).Configure(o => configure?.Invoke(o));
        services.AddSingleton(new VirtualClock(realTime ?? TimeProvider.System));
        services.AddSingleton<TimeProvider>(sp => sp.GetRequiredService<VirtualClock>());
        services.AddDbContext<EmulatorDb>((sp, options) =>
            options.UseSqlite($"Data Source={sp.GetRequiredService<IOptions<EmulatorOptions>>().Value.DataPath}"));
        // Bad JSON reaches UseApiErrors as an exception, so the 400 says what was wrong.
        services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.Converters.Add(new JsonStringEnumConverter());
            o.SerializerOptions.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;
        });
        services.AddHttpClient(ProductionCaller.ClientName, c => c.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false });
        services.AddSingleton<Scheduler>();
        services.AddSingleton<ProductionCaller>();
        services.AddSingleton<CallLog>();
        services.AddScoped<OrderService>();
        services.AddScoped<OrderLookups>();
        services.AddScoped<NewPurchaseOrders>();
        services.AddScoped<RenewalOrders>();
        services.AddScoped<UpgradeOrders>();
        services.AddScoped<UnsubscribeOrders>();
        services.AddScoped<RenewalRefunds>();
        services.AddScoped<ChangeChecker>();
        services.AddScoped<ListingGuard>();
        services.AddScoped<ListingRulesService>();
        services.AddScoped<LifecycleService>();
        services.AddScoped<DeliveryRunner>();
        services.AddScoped<ProbeService>();
        services.AddScoped<ProductHealthService>();
        services.AddScoped<GatewayAuth>();
        services.AddSingleton<OpenApiFaults>();
        services.AddScoped<KitService>();
        services.AddSingleton<IdentityTokens>();
        services.AddSingleton<CasTickets>();
        services.AddHostedService<DueWorkService>();
        services.AddEmulatorPage();

        var app = builder.Build();
        app.UseApiErrors();
        app.MapOpenApiFaults();
        app.MapPage();
        app.MapCatalog();
        app.MapListingRules();
        app.MapProductHealth();
        app.MapOrders();
        app.MapResources();
        app.MapKit();
        app.MapLicenseRequests();
        app.MapOpenApis();
        app.MapIdentity();
        app.MapCas();
        return app;
    }

    /// <summary>Creates the database, the default seller and the persisted clock offset; call before <c>StartAsync</c>.</summary>
    public static async Task InitializeAsync(WebApplication app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<EmulatorDb>();
        var options = scope.ServiceProvider.GetRequiredService<IOptions<EmulatorOptions>>().Value;
        await db.Database.EnsureCreatedAsync();
        if (!await db.Sellers.AnyAsync(s => s.SellerId == CatalogEndpoints.DefaultSellerId))
        {
            db.Sellers.Add(new Seller
            {
                SellerId = CatalogEndpoints.DefaultSellerId,
                Name = "Default seller",
                AccessKey = options.SellerAccessKey,
                SecretKey = options.SellerSecretKey,
            });
            await db.SaveChangesAsync();
        }

        if (await db.ClockStates.SingleOrDefaultAsync(c => c.Id == 1) is { } state)
        {
            app.Services.GetRequiredService<VirtualClock>().Restore(TimeSpan.FromTicks(state.OffsetTicks));
        }
    }

    /// <summary>The emulator's own base address: configured, or the first address Kestrel bound.</summary>
    public static string PublicBaseUrl(IServiceProvider services)
    {
        var configured = services.GetRequiredService<IOptions<EmulatorOptions>>().Value.PublicBaseUrl;
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return configured.TrimEnd('/');
        }

        var addresses = services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses;
        return (addresses?.FirstOrDefault() ?? "http://127.0.0.1:5090").TrimEnd('/');
    }
}

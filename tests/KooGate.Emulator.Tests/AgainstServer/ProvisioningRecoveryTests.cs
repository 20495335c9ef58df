using KooGate.Emulator.Tests.Infrastructure;
using KooGate.Server.Instances;
using KooGate.Server.Provisioning;
using KooGate.Testing.Emulator;
using KooGate.Testing.Server;
using Microsoft.Extensions.DependencyInjection;

namespace KooGate.Emulator.Tests.AgainstServer;

/// <summary>
/// A seller's provisioner that fails once: the emulator's hourly create retry (new businessId, same order line)
/// makes KooGate run it again for the same instance, and the purchase completes with 000000.
/// </summary>
public sealed class ProvisioningRecoveryTests : AgainstServerTest
{
    private readonly FailsOnceProvisioner _provisioner = new();

    protected override void ConfigureServer(IServiceCollection services) => services.AddScoped<IProvisioner>(_ => _provisioner);

    protected override Task ArrangeAsync() => Emulator.AddProductAsync(new
    {
        productId = "BASIC-M",
        skuCode = "BASIC-M",
        chargingMode = "PERIOD",
        periodType = "month",
        price = 100m,
        interfaceVersion = "SaasV2",
        productionUrl = Server.ProductionUrl,
        basicKey = TestKeys.Basic,
    });

    [Fact]
    public async Task A_provisioner_that_fails_once_yields_000000_on_KooGallerys_next_retry()
    {
        var order = await Emulator.OrderAsync(new { type = "NEW", customerId = "buyer-1", productId = "BASIC-M" });
        var orderId = EmulatorHost.Text(order["orderId"]);
        var resourceId = EmulatorHost.Text(order["resourceId"]);
        Assert.Equal("Delivering", EmulatorHost.Text(order["status"]));

        await Emulator.AdvanceAsync(TimeSpan.FromHours(1) + TimeSpan.FromMinutes(1));

        order = await Emulator.GetAsync($"/api/orders/{orderId}");
        Assert.Equal("Completed", EmulatorHost.Text(order["status"]));
        var resource = await Emulator.ResourceAsync(resourceId);
        Assert.Equal("Active", EmulatorHost.Text(resource["state"]));
        var create = (await Emulator.CallsAsync(resourceId)).Single(c => EmulatorHost.Text(c!["activity"]) == "newInstance")!;
        var attempts = create["calls"]!.AsArray().Where(a => EmulatorHost.Text(a!["request"]!["body"]).Contains("newInstance", StringComparison.Ordinal)).ToList();
        Assert.Equal(["000005", "000000"], attempts.Select(a => EmulatorHost.Text(a!["resultCode"])));

        // Both runs were for the instance the first call created, whose id KooGallery keeps.
        var instanceId = EmulatorHost.Text(resource["instanceId"]);
        Assert.Equal([instanceId, instanceId], _provisioner.Calls.Select(c => c.InstanceId));
        Assert.Equal($"https://tenant.example.com/{instanceId}", EmulatorHost.Text(resource["appInfo"]!["frontEndUrl"]));
    }

    private sealed class FailsOnceProvisioner : IProvisioner
    {
        public System.Collections.Concurrent.ConcurrentQueue<ProvisionRequest> Calls { get; } = new();

        public Task<ProvisionOutcome> ProvisionAsync(ProvisionRequest request, CancellationToken cancellationToken)
        {
            Calls.Enqueue(request);
            return Calls.Count == 1
                ? throw new InvalidOperationException("tenant database unreachable")
                : Task.FromResult(ProvisionOutcome.Done(new AppInfo($"https://tenant.example.com/{request.InstanceId}")));
        }
    }
}

using KooGate.Emulator.Testing;

namespace EmulatorTesting.Example;

/// <summary>A seller's test: buy in the emulated marketplace, let a month pass, and check what the seller's server got.</summary>
public sealed class PurchaseLifecycleTests : IAsyncLifetime
{
    private SellerProductionInterface _seller = null!;
    private EmulatedMarketplace _marketplace = null!;

    public async Task InitializeAsync()
    {
        _seller = await SellerProductionInterface.StartAsync();
        _marketplace = await EmulatedMarketplace.StartAsync();
        await _marketplace.AddBuyerAsync("buyer-1");
        await _marketplace.AddSaasProductAsync("MY-PRODUCT", _seller.ProductionUrl, SellerProductionInterface.BasicKey);
    }

    [Fact]
    public async Task A_monthly_purchase_is_created_frozen_at_expiry_and_released_after_the_freeze_period()
    {
        var order = await _marketplace.BuyAsync("buyer-1", "MY-PRODUCT");
        var resourceId = order["resourceId"]!.GetValue<string>();
        Assert.Equal("Completed", order["status"]!.GetValue<string>());
        var instanceId = Assert.Single(_seller.Instances.Keys);

        await _marketplace.AdvanceAsync(TimeSpan.FromDays(32));
        Assert.Equal("frozen", _seller.Instances[instanceId]);

        await _marketplace.AdvanceAsync(TimeSpan.FromDays(16));
        Assert.Empty(_seller.Instances);
        var calls = await _marketplace.CallsAsync(resourceId);
        Assert.Equal(["newInstance", "queryInstance", "updateInstanceStatus", "releaseInstance"], calls.Select(c => c.Activity));
        Assert.All(calls, c => Assert.Equal("success", c.Verdict));
    }

    public async Task DisposeAsync()
    {
        await _marketplace.DisposeAsync();
        await _seller.DisposeAsync();
    }
}

using System.Net.Http.Json;
using KooGate.Emulator.Tests.Infrastructure;
using KooGate.Server.Data;
using KooGate.Testing.Emulator;
using KooGate.Testing.Server;
using Microsoft.EntityFrameworkCore;

namespace KooGate.Emulator.Tests.AgainstServer;

/// <summary>
/// A refused purchase end to end: the server's webhook provisioner answers the emulator's create with 000004, the
/// seller's app fails the instance through the admin API with a create code, the emulator's next queryInstance gets
/// that code, and the order fails and is refunded with nothing left billable. One case per code, by family.
/// </summary>
public sealed class CreateRefusalEndToEndTests : AgainstServerTest
{
    // The webhook URL only has to be configured (it selects the webhook provisioner); nothing listens there.
    protected override IReadOnlyDictionary<string, string>? ServerSettings { get; } = new Dictionary<string, string>
    {
        ["KooGate:Webhook:Url"] = "http://127.0.0.1:9/koogate-events",
    };

    protected override Task ArrangeAsync() => Emulator.AddProductAsync(new
    {
        productId = "SAAS-M",
        chargingMode = "PERIOD",
        periodType = "month",
        price = 100m,
        interfaceVersion = "SaasV2",
        productionUrl = Server.ProductionUrl,
        basicKey = TestKeys.Basic,
    });

    [Theory]
    // The product's capacity: no resource, sold out.
    [InlineData("000100", "no instance resource")]
    [InlineData("000106", "sold out")]
    // The buyer's contact data: mobile, e-mail, e-mail domain.
    [InlineData("000101", "mobile number")]
    [InlineData("000102", "e-mail address")]
    [InlineData("000107", "e-mail domain")]
    // The buyer's entitlement: bought already, benefit already held.
    [InlineData("000103", "already bought")]
    [InlineData("000105", "already has this benefit")]
    public async Task A_final_refusal_fails_and_refunds_the_order_at_the_next_poll(string code, string reason)
    {
        var (orderId, resourceId, instanceId) = await BuyProvisioningAsync();
        await FailAtServerAsync(instanceId, code);

        await Emulator.AdvanceAsync(TimeSpan.FromMinutes(5));
        await AssertRefundedAsync(orderId, resourceId, instanceId, code, reason);
    }

    [Fact]
    public async Task An_internal_error_keeps_polling_for_the_create_window_then_fails_and_refunds()
    {
        var (orderId, resourceId, instanceId) = await BuyProvisioningAsync();
        await FailAtServerAsync(instanceId, "000104");

        await Emulator.AdvanceAsync(TimeSpan.FromHours(1));
        Assert.Equal("Delivering", EmulatorHost.Text((await Emulator.GetAsync($"/api/orders/{orderId}"))["status"]));
        await Emulator.AdvanceAsync(TimeSpan.FromHours(3));
        await AssertRefundedAsync(orderId, resourceId, instanceId, "000104", "internal error");
    }

    /// <summary>Buys; the server accepts with 000004 and keeps the instance provisioning, so the emulator polls.</summary>
    private async Task<(string OrderId, string ResourceId, string InstanceId)> BuyProvisioningAsync()
    {
        var order = await Emulator.OrderAsync(new { type = "NEW", customerId = "buyer-1", productId = "SAAS-M" });
        Assert.Equal("Delivering", EmulatorHost.Text(order["status"]));
        var resourceId = EmulatorHost.Text(order["resourceId"]);
        var instanceId = EmulatorHost.Text((await Emulator.ResourceAsync(resourceId))["instanceId"]);
        await using var db = Server.OpenDb();
        Assert.Equal(InstanceState.Provisioning, (await db.Instances.SingleAsync(i => i.InstanceId == instanceId)).State);
        return (EmulatorHost.Text(order["orderId"]), resourceId, instanceId);
    }

    /// <summary>The seller's application gives up on provisioning with <paramref name="code"/> (admin API).</summary>
    private async Task FailAtServerAsync(string instanceId, string code)
    {
        using var client = Server.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/admin/api/instances/{instanceId}/fail")
        {
            Content = JsonContent.Create(new { code, message = "refused by the seller's app" }),
        };
        request.Headers.Add("X-Api-Key", TestKeys.AdminApiKey);
        using var response = await client.SendAsync(request);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }

    private async Task AssertRefundedAsync(string orderId, string resourceId, string instanceId, string code, string reason)
    {
        var order = await Emulator.GetAsync($"/api/orders/{orderId}");
        Assert.Equal("Failed", EmulatorHost.Text(order["status"]));
        Assert.Equal(100m, order["refundedAmount"]!.GetValue<decimal>());
        Assert.Equal(code, EmulatorHost.Text(order["failureCode"]));
        Assert.Contains(reason, EmulatorHost.Text(order["failureReason"]), StringComparison.Ordinal);
        Assert.Equal(0m, (await Emulator.GetAsync("/api/settlement"))["sellerAmount"]!.GetValue<decimal>());
        Assert.Equal("Failed", EmulatorHost.Text((await Emulator.ResourceAsync(resourceId))["state"]));

        // Nothing is billable: the server's instance failed, and a month later nothing was renewed, frozen or released.
        var calls = (await Emulator.CallsAsync(resourceId)).Count;
        await Emulator.AdvanceAsync(TimeSpan.FromDays(45));
        Assert.Equal(calls, (await Emulator.CallsAsync(resourceId)).Count);
        Assert.Equal("Failed", EmulatorHost.Text((await Emulator.ResourceAsync(resourceId))["state"]));
        await using var db = Server.OpenDb();
        Assert.Equal(InstanceState.Failed, (await db.Instances.SingleAsync(i => i.InstanceId == instanceId)).State);
    }
}

using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using KooGate.Emulator.Tests.Infrastructure;
using KooGate.Server.Configuration;
using KooGate.Server.Data;
using KooGate.Testing.Emulator;
using KooGate.Testing.Server;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace KooGate.Emulator.Tests.AgainstServer;

/// <summary>
/// 续费变更 decided by the seller: the emulator asks <c>changeInstanceCheck</c>, KooGate asks the seller's decision
/// webhook (with the current quantity it learned from 查询订单), and a denial refuses the renewal order.
/// </summary>
public sealed class RenewalChangeDecisionTests() : AgainstServerTest(serverFetchesOrders: true)
{
    private WebApplication _sellerApp = null!;
    private string _decisionUrl = string.Empty;

    private ConcurrentQueue<JsonElement> Asked { get; } = new();

    protected override void ConfigureServer(IServiceCollection services) => services.Configure<KooGateOptions>(o =>
    {
        o.ChangeCheck.Policy = ChangeCheckPolicy.Webhook;
        o.ChangeCheck.Url = _decisionUrl;
    });

    protected override async Task ArrangeAsync()
    {
        // The seller's app: refuses to shrink an instance below the quantity it has now.
        var builder = WebApplication.CreateSlimBuilder(["--urls", "http://127.0.0.1:0", "--Logging:LogLevel:Default=Warning"]);
        _sellerApp = builder.Build();
        _sellerApp.MapPost("/decide", async (HttpContext context) =>
        {
            var asked = (await JsonDocument.ParseAsync(context.Request.Body)).RootElement.Clone();
            Asked.Enqueue(asked);
            var data = asked.GetProperty("data");
            var shrinks = data.GetProperty("target").GetProperty("quantity").GetDecimal() < data.GetProperty("current").GetProperty("quantity").GetDecimal();
            return Results.Json(shrinks ? new { allow = false, reason = "tenant uses more seats than the target" } : (object)new { allow = true });
        });
        await _sellerApp.StartAsync();
        _decisionUrl = _sellerApp.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First() + "/decide";

        foreach (var (id, price) in new[] { ("BASIC-M", 100m), ("PRO-M", 300m) })
        {
            await Emulator.AddProductAsync(new
            {
                productId = id,
                skuCode = id,
                chargingMode = "PERIOD",
                periodType = "month",
                price,
                interfaceVersion = "SaasV2",
                productionUrl = Server.ProductionUrl,
                basicKey = TestKeys.Basic,
                changeCheck = true,
            });
        }
    }

    [Fact]
    public async Task The_sellers_decision_webhook_refuses_a_shrink_and_allows_a_growth()
    {
        var order = await Emulator.OrderAsync(new { type = "NEW", customerId = "buyer-1", productId = "BASIC-M", linearValue = 20m });
        Assert.Equal("Completed", EmulatorHost.Text(order["status"]));
        var resourceId = EmulatorHost.Text(order["resourceId"]);
        var instanceId = EmulatorHost.Text((await Emulator.ResourceAsync(resourceId))["instanceId"]);
        await Server.WaitForAsync<object>(
            async db => await db.Orders.AnyAsync(o => o.InstanceId == instanceId && o.Status == OrderFetchStatus.Fetched) ? true : null, "查询订单 answered");

        var refusal = await Emulator.PostAsync("/api/orders", new { type = "RENEW", resourceId, productId = "PRO-M", linearValue = 10m }, expectedStatus: 409);
        Assert.Contains("tenant uses more seats than the target", refusal.ToJsonString(), StringComparison.Ordinal);
        var asked = Assert.Single(Asked);
        Assert.Equal(instanceId, asked.GetProperty("data").GetProperty("instanceId").GetString());
        Assert.Equal(20m, asked.GetProperty("data").GetProperty("current").GetProperty("quantity").GetDecimal());
        Assert.Equal("PRO-M", asked.GetProperty("data").GetProperty("target").GetProperty("productId").GetString());

        var renewal = await Emulator.OrderAsync(new { type = "RENEW", resourceId, productId = "PRO-M", linearValue = 30m });
        Assert.Equal("Completed", EmulatorHost.Text(renewal["status"]));
        var calls = await Emulator.CallsAsync(resourceId);
        var refresh = calls.Last(c => EmulatorHost.Text(c!["activity"]) == "refreshInstance")!;
        var refreshBody = JsonNode.Parse(EmulatorHost.Text(refresh["calls"]![0]!["request"]!["body"]))!;
        Assert.Equal("RENEWAL_CHANGE", EmulatorHost.Text(refreshBody["scene"]));
        Assert.Equal(2, Asked.Count);

        await using var db = Server.OpenDb();
        var decisions = await db.InstanceEvents.Where(e => e.InstanceId == instanceId && e.Type.StartsWith("change-")).OrderBy(e => e.Id).Select(e => e.Type).ToListAsync();
        Assert.Equal(["change-denied", "change-allowed"], decisions);
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await _sellerApp.DisposeAsync();
    }
}

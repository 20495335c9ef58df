using System.Net.Http.Json;
using System.Text.Json.Nodes;
using KooGate.Emulator.Tests.Infrastructure;
using KooGate.Testing.Emulator;

namespace KooGate.Emulator.Tests.Catalog;

/// <summary>
/// The seller's listing rules (商品配置) against a stub production interface: each refuses an order before payment with
/// a reason, sends nothing to the seller, and leaves the allowed orders working.
/// </summary>
public sealed class ListingRulesTests : StubProductionTest
{

    protected override async Task ArrangeAsync()
    {
        Stub.Respond = NumberedInstances();
        await Emulator.AddBuyerAsync("buyer-2");
        foreach (var (id, sku) in new[] { ("P1", "sku-1"), ("P1Y", "sku-1"), ("P2", "sku-2") })
        {
            await AddStubProductAsync(id, new { skuCode = sku, periodType = id.EndsWith('Y') ? "year" : "month", trialDays = 7 });
        }
    }

    [Fact]
    public async Task A_delisted_product_takes_no_new_order_but_its_instances_still_renew()
    {
        var bought = await BuyAsync("buyer-1", "P1");
        var rules = await Emulator.PostAsync("/api/products/P1/delist", new { reason = "end of sale" });
        Assert.Equal("Delisted", EmulatorHost.Text(rules["status"]));

        await RefusedAsync(new { type = "NEW", customerId = "buyer-2", productId = "P1" }, "delisted", "end of sale");
        await RefusedAsync(new { type = "TRIAL", customerId = "buyer-2", productId = "P1" }, "delisted");
        var renewal = await Emulator.OrderAsync(new { type = "RENEW", resourceId = EmulatorHost.Text(bought["resourceId"]) });
        Assert.Equal("RENEW", EmulatorHost.Text(renewal["orderType"]));
        await BuyAsync("buyer-2", "P2");

        // Delisting is final: there is no way back, only a new product.
        await Emulator.PostAsync("/api/products/P1/delist", new { reason = "again" }, expectedStatus: 409);
        Assert.Equal(2, Stub.Of("newInstance").Count);
    }

    [Fact]
    public async Task A_delisted_period_type_cannot_be_moved_onto_by_a_renewal_or_an_upgrade()
    {
        var bought = await BuyAsync("buyer-1", "P1");
        await Emulator.PostAsync("/api/products/P1Y/delist", new { });
        await Emulator.PostAsync("/api/products/P2/delist", new { });
        var resourceId = EmulatorHost.Text(bought["resourceId"]);

        await RefusedAsync(new { type = "RENEW", resourceId, productId = "P1Y" }, "delisted");
        await RefusedAsync(new { type = "CHANGE", resourceId, productId = "P2" }, "delisted");
        await Emulator.OrderAsync(new { type = "RENEW", resourceId, productId = "P1" });
    }

    [Fact]
    public async Task A_product_restricted_to_sales_targets_sells_only_to_the_listed_accounts()
    {
        var rules = await Emulator.Http.PutAsJsonAsync("/api/products/P1/rules/sales-targets",
            new { restricted = true, accounts = new[] { new { customerId = "buyer-2", accountName = "Buyer buyer-2" } } });
        Assert.True(rules.IsSuccessStatusCode);

        await RefusedAsync(new { type = "NEW", customerId = "buyer-1", productId = "P1" }, "not-a-sales-target", "buyer-1");
        await BuyAsync("buyer-2", "P1");
        await BuyAsync("buyer-1", "P2");

        var view = await Emulator.GetAsync("/api/products/P1/rules");
        Assert.True(view["salesTargetsOnly"]!.GetValue<bool>());
        Assert.Equal("Buyer buyer-2", EmulatorHost.Text(Assert.Single(view["salesTargets"]!.AsArray())!["accountName"]));
    }

    [Fact]
    public async Task The_purchase_limit_counts_an_accounts_live_purchases()
    {
        await PutAsync("/api/products/P1/rules/purchase-limit", new { perAccount = 1 });
        var first = await BuyAsync("buyer-1", "P1");
        await RefusedAsync(new { type = "NEW", customerId = "buyer-1", productId = "P1" }, "purchase-limit", "limit of 1");
        await BuyAsync("buyer-2", "P1");

        // A purchase refunded without a reason no longer counts.
        await Emulator.RefundAsync(first);
        await BuyAsync("buyer-1", "P1");
        await PutAsync("/api/products/P1/rules/purchase-limit", new { perAccount = 0 }, expectedStatus: 400);
    }

    [Fact]
    public async Task Each_account_gets_one_trial_of_a_SKU_and_the_seller_can_whitelist_trials_and_forbid_conversion()
    {
        var trial = await Emulator.OrderAsync(new { type = "TRIAL", customerId = "buyer-1", productId = "P1" });
        await RefusedAsync(new { type = "TRIAL", customerId = "buyer-1", productId = "P1Y" }, "trial-used", "sku-1");
        await Emulator.OrderAsync(new { type = "TRIAL", customerId = "buyer-1", productId = "P2" });

        await PutAsync("/api/products/P1/rules/trial", new { days = 14, toFormal = false, whitelist = new[] { new { customerId = "buyer-1" } } });
        await RefusedAsync(new { type = "TRIAL", customerId = "buyer-2", productId = "P1" }, "trial-not-allowed");
        await RefusedAsync(new { type = "TRIAL_TO_FORMAL", resourceId = EmulatorHost.Text(trial["resourceId"]) }, "trial-to-formal-not-allowed");

        var rules = await PutAsync("/api/products/P1/rules/trial", new { toFormal = true });
        Assert.Equal(14, rules["trialDays"]!.GetValue<int>());
        Assert.False(rules["trialWhitelistOnly"]!.GetValue<bool>());
        var formal = await Emulator.OrderAsync(new { type = "TRIAL_TO_FORMAL", resourceId = EmulatorHost.Text(trial["resourceId"]) });
        Assert.Equal("TRIAL_TO_FORMAL", EmulatorHost.Text(formal["orderType"]));
        var fresh = await Emulator.OrderAsync(new { type = "TRIAL", customerId = "buyer-2", productId = "P1" });
        Assert.Equal(14, fresh["lines"]![0]!["periodNumber"]!.GetValue<int>());
        await PutAsync("/api/products/P1/rules/trial", new { days = 2 }, expectedStatus: 400);
    }

    [Fact]
    public async Task Stock_is_taken_by_purchases_given_back_by_no_reason_refunds_and_a_sold_out_SKU_refuses()
    {
        await PutAsync("/api/products/P1/rules/stock", new { stock = 1 });
        var order = await BuyAsync("buyer-1", "P1");
        Assert.Equal(0, (await Emulator.GetAsync("/api/products/P1/rules"))["stock"]!.GetValue<int>());
        await RefusedAsync(new { type = "NEW", customerId = "buyer-2", productId = "P1" }, "sold-out");

        await Emulator.RefundAsync(order);
        Assert.Equal(1, (await Emulator.GetAsync("/api/products/P1/rules"))["stock"]!.GetValue<int>());
        await BuyAsync("buyer-2", "P1");
        Assert.Equal(2, Stub.Of("newInstance").Count);
    }

    [Fact]
    public async Task Credit_pays_only_where_the_credit_control_allows_and_shows_in_the_order_and_settlement()
    {
        await RefusedAsync(new { type = "NEW", customerId = "buyer-1", productId = "P1", paymentMethod = "Credit" }, "credit-not-allowed");
        await PutAsync("/api/products/P1/rules/credit", new { mode = "CustomUsers", accounts = new[] { new { customerId = "buyer-1" } } });
        await RefusedAsync(new { type = "NEW", customerId = "buyer-2", productId = "P1", paymentMethod = "Credit" }, "credit-not-allowed");

        var credit = await Emulator.OrderAsync(new { type = "NEW", customerId = "buyer-1", productId = "P1", paymentMethod = "Credit", periodNumber = 1 });
        Assert.Equal("Credit", EmulatorHost.Text(credit["paymentMethod"]));
        Assert.Equal("Credit", EmulatorHost.Text(credit["settlement"]!["paymentMethod"]));
        await BuyAsync("buyer-2", "P1");
        var settlement = await Emulator.GetAsync("/api/settlement");
        Assert.Equal(100m, settlement["creditNetSale"]!.GetValue<decimal>());
        Assert.Equal(200m, settlement["netSale"]!.GetValue<decimal>());
    }

    private async Task<JsonNode> BuyAsync(string customerId, string productId)
    {
        var order = await Emulator.OrderAsync(new { type = "NEW", customerId, productId, periodNumber = 1 });
        Assert.Equal("Balance", EmulatorHost.Text(order["paymentMethod"]));
        return order;
    }

    /// <summary>The order is refused with a 409, the named reason and a message; no order exists afterwards.</summary>
    private async Task RefusedAsync(object order, string reason, string? mentions = null)
    {
        var before = (await Emulator.GetAsync("/api/orders")).AsArray().Count;
        var refusal = await Emulator.PostAsync("/api/orders", order, expectedStatus: 409);
        Assert.Equal(reason, EmulatorHost.Text(refusal["reason"]));
        Assert.Contains(mentions ?? string.Empty, EmulatorHost.Text(refusal["error"]), StringComparison.Ordinal);
        Assert.Equal(before, (await Emulator.GetAsync("/api/orders")).AsArray().Count);
    }

    private async Task<JsonNode> PutAsync(string path, object body, int expectedStatus = 200)
    {
        using var response = await Emulator.Http.PutAsJsonAsync(path, body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True((int)response.StatusCode == expectedStatus, $"{path}: {(int)response.StatusCode} {text}");
        return JsonNode.Parse(text)!;
    }
}

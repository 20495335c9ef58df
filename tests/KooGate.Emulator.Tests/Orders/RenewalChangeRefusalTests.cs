using System.Text.Json.Nodes;
using KooGate.Emulator.Tests.Infrastructure;
using KooGate.Testing.Emulator;

namespace KooGate.Emulator.Tests.Orders;

/// <summary>
/// 续费变更校验 against a programmable production interface: a refusal refuses the order and nothing else is sent;
/// without <c>changeCheck</c> no check is asked (saas-v2.md §3.7, optional per product).
/// </summary>
public sealed class RenewalChangeRefusalTests : StubProductionTest
{

    protected override async Task ArrangeAsync()
    {
        Stub.Respond = call => call.Activity switch
        {
            "newInstance" => StubReply.Code("000000", extra: ",\"instanceId\":\"i-1\""),
            "queryInstance" => StubReply.Code("000000", extra: ",\"info\":[{\"instanceId\":\"i-1\",\"appInfo\":{\"frontEndUrl\":\"https://a\"}}]"),
            "changeInstanceCheck" => new StubReply("{\"resultCode\":\"000005\",\"resultMsg\":\"usage exceeds the target spec\"}"),
            _ => StubReply.Code("000000"),
        };
        foreach (var (id, check) in new[] { ("PRO-M", true), ("BASIC-M", true), ("PLAIN-M", false), ("PLAIN-SMALL-M", false) })
        {
            await AddStubProductAsync(id, new { changeCheck = check });
        }
    }

    [Fact]
    public async Task A_refused_check_refuses_the_renewal_and_sends_nothing_else()
    {
        var bought = await Emulator.OrderAsync(new { type = "NEW", customerId = "buyer-1", productId = "PRO-M" });
        var resourceId = EmulatorHost.Text(bought["resourceId"]);
        var before = await Emulator.ResourceAsync(resourceId);
        var sentBefore = Stub.Calls.Count;

        var refusal = await Emulator.PostAsync("/api/orders", new { type = "RENEW", resourceId, productId = "BASIC-M" }, expectedStatus: 409);

        Assert.Contains("refused", refusal.ToJsonString());
        Assert.Contains("000005", refusal.ToJsonString());
        var check = Assert.Single(Stub.Calls.Skip(sentBefore));
        Assert.Equal("changeInstanceCheck", check.Activity);
        Assert.True(check.SignatureValid);
        Assert.Equal("BASIC-M", JsonNode.Parse(check.Body)!["productInfo"]!["productId"]!.GetValue<string>());

        var orders = (await Emulator.GetAsync($"/api/orders?resourceId={resourceId}")).AsArray();
        Assert.Equal(["NEW"], orders.Select(o => EmulatorHost.Text(o!["orderType"])));
        var after = await Emulator.ResourceAsync(resourceId);
        Assert.Equal("PRO-M", EmulatorHost.Text(after["productId"]));
        Assert.Equal(before["expireTime"]!.GetValue<DateTimeOffset>(), after["expireTime"]!.GetValue<DateTimeOffset>());

        var recorded = (await Emulator.CallsAsync(resourceId)).Single(c => EmulatorHost.Text(c!["activity"]) == "changeInstanceCheck")!;
        Assert.Equal("Failed", EmulatorHost.Text(recorded["state"]));
        Assert.Equal("business-error", EmulatorHost.Text(recorded["lastVerdict"]));
        Assert.Equal("000005", EmulatorHost.Text(recorded["calls"]![0]!["resultCode"]));

        await Emulator.PostAsync($"/api/calls/{recorded["id"]!.GetValue<long>()}/restart", new { }, expectedStatus: 409);

        // Nothing is queued behind the refusal: time passing sends no renewal.
        await Emulator.AdvanceAsync(TimeSpan.FromHours(3));
        Assert.DoesNotContain(Stub.Calls.Skip(sentBefore + 1), c => c.Activity is "refreshInstance" or "changeInstanceCheck");
    }

    [Fact]
    public async Task Without_changeCheck_a_renewal_change_is_sent_as_RENEWAL_CHANGE_without_asking()
    {
        var bought = await Emulator.OrderAsync(new { type = "NEW", customerId = "buyer-1", productId = "PLAIN-M" });
        var resourceId = EmulatorHost.Text(bought["resourceId"]);

        var renewal = await Emulator.OrderAsync(new { type = "RENEW", resourceId, productId = "PLAIN-SMALL-M" });

        Assert.Equal("Completed", EmulatorHost.Text(renewal["status"]));
        Assert.Empty(Stub.Of("changeInstanceCheck"));
        var refresh = Assert.Single(Stub.Of("refreshInstance"));
        Assert.Equal("RENEWAL_CHANGE", refresh.Param("scene"));
        Assert.Equal("PLAIN-SMALL-M", refresh.Param("productId"));
    }
}

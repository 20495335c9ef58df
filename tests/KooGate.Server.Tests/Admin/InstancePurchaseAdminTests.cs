using System.Net;
using KooGate.Client.Admin;
using KooGate.Server.Data;
using KooGate.Server.Tests.Infrastructure;
using KooGate.Testing.Server;
using Microsoft.EntityFrameworkCore;

namespace KooGate.Server.Tests.Admin;

/// <summary>
/// The buyer's mobile number and e-mail (from 查询订单) are stored encrypted and readable, decrypted, only from the
/// authenticated <c>GET /admin/api/instances/{id}</c>, with the rest of the purchase.
/// </summary>
public sealed class InstancePurchaseAdminTests : IAsyncLifetime
{
    private const string Mobile = "13812345678";
    private const string Email = "owner@acme.example";

    private StubMarketplace _stub = null!;
    private KooGateHost _host = null!;

    public async Task InitializeAsync()
    {
        KooGateHost? host = null;
        _stub = await StubMarketplace.StartAsync(() => host!.Clock.GetUtcNow());
        host = _host = new KooGateHost(settings: _stub.ServerSettings());
        _stub.Reply = id => (200, $$$"""
            {"resultCode":"MKT.0000","resultMsg":"success","orderInfo":{"orderId":"{{{id}}}","orderType":"NEW","createTime":"20261123100000",
             "buyerInfo":{"customerId":"cust-7","customerName":"Acme Ltd","userId":"user-7","userName":"acme-admin","mobilePhone":"{{{Mobile}}}","email":"{{{Email}}}"},
             "extendParams":[{"name":"region","value":"cn-north-4"}],
             "orderLine":[{"orderLineId":"{{{id}}}-1","chargingMode":"PERIOD","periodType":"month","periodNumber":3,"expireTime":"20270223100000",
               "productInfo":[{"productId":"OFFI-1","skuCode":"sku-gold","linearValue":20}]}]}}
            """);
    }

    public async Task DisposeAsync()
    {
        _host.Dispose();
        await _stub.DisposeAsync();
    }

    [Fact]
    public async Task The_instance_view_shows_the_purchase_with_the_buyers_contacts_decrypted_and_nothing_else_does()
    {
        var reply = await new MarketplaceClient(_host).PostAsync(new { activity = "newInstance", businessId = "biz-contacts", orderId = "ORDER-K1", orderLineId = "ORDER-K1-1" });
        Assert.Equal("000000", reply.ResultCode);
        await Eventually.UntilAsync(async () =>
        {
            await using var db = _host.OpenDb();
            return await db.Set<InstancePurchase>().AnyAsync(p => p.InstanceId == "biz-contacts" && p.CustomerId != null);
        }, "the order's details applied", () => _host.Clock.Advance(TimeSpan.FromMilliseconds(200)));

        using var client = new KooGateAdminClient(_host.Http, TestKeys.AdminApiKey);
        var purchase = Assert.IsType<AdminPurchase>((await client.GetInstanceAsync("biz-contacts")).Purchase);
        Assert.Equal((Mobile, Email), (purchase.MobilePhone, purchase.Email));
        Assert.Equal(("cust-7", "Acme Ltd", "user-7", "acme-admin"), (purchase.CustomerId, purchase.CustomerName, purchase.UserId, purchase.UserName));
        Assert.Equal((20m, "month", 3, false, "ORDER-K1"), (purchase.Quantity, purchase.PeriodType, purchase.PeriodNumber, purchase.Trial, purchase.OrderId));
        Assert.Equal([new Client.Events.ExtendParameter("region", "cn-north-4")], purchase.ExtendParams);

        // At rest they are encrypted; the list, and anyone without the API key, never see them.
        await using (var db = _host.OpenDb())
        {
            var stored = await db.Set<InstancePurchase>().AsNoTracking().SingleAsync(p => p.InstanceId == "biz-contacts");
            Assert.DoesNotContain(Mobile, stored.ProtectedMobilePhone!, StringComparison.Ordinal);
            Assert.DoesNotContain(Email, stored.ProtectedEmail!, StringComparison.Ordinal);
        }

        var list = await (await WithKey(_host.Http, "/admin/api/instances")).Content.ReadAsStringAsync();
        Assert.Contains("biz-contacts", list, StringComparison.Ordinal);
        Assert.DoesNotContain(Mobile, list, StringComparison.Ordinal);
        using var anonymous = await _host.Http.GetAsync("/admin/api/instances/biz-contacts");
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
    }

    private static Task<HttpResponseMessage> WithKey(HttpClient http, string url)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Add(KooGateAdminClient.ApiKeyHeader, TestKeys.AdminApiKey);
        return http.SendAsync(request);
    }
}

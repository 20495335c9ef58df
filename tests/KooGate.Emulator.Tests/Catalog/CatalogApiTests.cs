using System.Net;
using System.Text;
using KooGate.Emulator.Tests.Infrastructure;
using KooGate.Testing.Emulator;

namespace KooGate.Emulator.Tests.Catalog;

/// <summary>The REST API refuses bad input with a clear 4xx, never a 500.</summary>
public sealed class CatalogApiTests : IAsyncLifetime
{
    private EmulatorHost _emulator = null!;

    public async Task InitializeAsync() => _emulator = await EmulatorHost.StartAsync();

    public static TheoryData<string, string> BadProducts => new()
    {
        { """{"chargingMode":"MONTHLY","interfaceVersion":"SaasV2","productionUrl":"http://x/p","basicKey":"k"}""", "chargingMode" },
        { """{"chargingMode":"PERIOD","interfaceVersion":"SaasV2","productionUrl":"http://x/p","basicKey":"k"}""", "periodType" },
        { """{"chargingMode":"ONE_TIME","interfaceVersion":"SaasV2","productionUrl":"http://x/p"}""", "basicKey" },
        { """{"chargingMode":"ONE_TIME","interfaceVersion":"SaasV1","productionUrl":"http://x/p","basicKey":"k"}""", "v1Key" },
        { """{"chargingMode":"ONE_TIME","interfaceVersion":"SaasV2","productionUrl":"http://x/p","basicKey":"k","joint":true}""", "kitKey" },
        { """{"chargingMode":"ONE_TIME","interfaceVersion":"SaasV2","productionUrl":"ftp://x/p","basicKey":"k"}""", "productionUrl" },
        { """{"chargingMode":"ONE_TIME","interfaceVersion":"SaasV2","productionUrl":"http://x/p","basicKey":"k","kitPublicKeyPem":"nope"}""", "kitPublicKeyPem" },
        { """{"chargingMode":"ONE_TIME","interfaceVersion":"SaasV9","productionUrl":"http://x/p","basicKey":"k"}""", "JSON" },
        { """{"chargingMode":""", "JSON" },
    };

    [Theory]
    [MemberData(nameof(BadProducts))]
    public async Task A_bad_product_is_refused_naming_the_problem(string json, string mentioned)
    {
        using var content = new StringContent(json, Encoding.UTF8, "application/json");
        var response = await _emulator.Http.PostAsync("/api/products", content);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(mentioned, await response.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Orders_name_their_missing_parts_and_a_product_with_orders_cannot_be_deleted()
    {
        await _emulator.AddBuyerAsync();
        await _emulator.AddProductAsync(new { productId = "LC", chargingMode = "ONE_TIME", price = 1m, interfaceVersion = "LicenseCode", productionUrl = "http://127.0.0.1:9/p", licenseKey = "k" });
        Assert.Contains("type", EmulatorHost.Text((await _emulator.PostAsync("/api/orders", new { customerId = "buyer-1" }, 400))["error"]));
        Assert.Contains("productId", EmulatorHost.Text((await _emulator.PostAsync("/api/orders", new { type = "NEW", customerId = "buyer-1" }, 400))["error"]));
        await _emulator.PostAsync("/api/orders", new { type = "NEW", customerId = "buyer-1", productId = "NOPE" }, 404);
        await _emulator.PostAsync("/api/orders", new { type = "NEW", customerId = "buyer-1", productId = "LC", periodNumber = 0 }, 400);
        await _emulator.OrderAsync(new { type = "NEW", customerId = "buyer-1", productId = "LC" });
        Assert.Equal(HttpStatusCode.Conflict, (await _emulator.Http.DeleteAsync("/api/products/LC")).StatusCode);
        await _emulator.PostAsync("/api/clock/advance", new { days = -1 }, 400);
    }

    public async Task DisposeAsync() => await _emulator.DisposeAsync();
}

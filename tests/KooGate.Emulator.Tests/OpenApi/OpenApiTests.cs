using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using KooGate.Emulator.Tests.Infrastructure;
using KooGate.Protocol;
using KooGate.Protocol.Messages;
using KooGate.Protocol.Signing;
using KooGate.Testing.Emulator;
using Microsoft.Extensions.Time.Testing;

namespace KooGate.Emulator.Tests.OpenApi;

/// <summary>The open APIs a seller calls, signed the way a seller signs them (ApigSigningHandler, UsagePushSignature).</summary>
public sealed class OpenApiTests : IAsyncLifetime
{
    private const string Key = "stub-key-0001";
    private static readonly ApigCredentials Seller = new(new EmulatorOptions().SellerAccessKey, new EmulatorOptions().SellerSecretKey);
    private readonly FakeTimeProvider _wallClock = new(DateTimeOffset.UtcNow);
    private StubProduction _stub = null!;
    private EmulatorHost _emulator = null!;
    private HttpClient _seller = null!;

    public async Task InitializeAsync()
    {
        _stub = await StubProduction.StartAsync(_wallClock, Key);
        _emulator = await EmulatorHost.StartAsync(_wallClock);
        _seller = new HttpClient(new ApigSigningHandler(Seller, _wallClock) { InnerHandler = new HttpClientHandler() }) { BaseAddress = _emulator.BaseAddress };
        await _emulator.AddBuyerAsync();
    }

    [Fact]
    public async Task Query_order_returns_the_order_to_its_seller_and_refuses_bad_signatures()
    {
        await AddProductAsync("P1", "SaasV2", "PERIOD");
        _stub.Respond = _ => StubReply.Code("000000", extra: ",\"instanceId\":\"i-1\"");
        var order = await _emulator.OrderAsync(new { type = "NEW", customerId = "buyer-1", productId = "P1", periodNumber = 2, linearValue = 30 });
        var orderId = EmulatorHost.Text(order["orderId"]);

        var reply = await _seller.GetAsync($"/api/mkp-openapi-public/global/v1/order/query?orderId={orderId}&orderLineId={orderId}-000001");
        Assert.Equal(HttpStatusCode.OK, reply.StatusCode);
        var parsed = KooJson.Deserialize<QueryOrderResponse>(await reply.Content.ReadAsStringAsync())!;
        Assert.True(parsed.IsSuccess);
        var info = parsed.OrderInfo!;
        Assert.Equal(OrderTypes.New, info.OrderType);
        Assert.Equal("buyer@example.com", info.BuyerInfo!.Email);
        var line = Assert.Single(info.OrderLine);
        Assert.Equal(ChargingModes.Period, line.ChargingMode);
        Assert.Equal(2, line.PeriodNumber);
        Assert.Equal(30m, line.ProductInfo![0].LinearValue);
        Assert.True(KooTime.TryParseUtcDigits(line.ExpireTime, out _));

        var mock = KooJson.Deserialize<QueryOrderResponse>(await _seller.GetStringAsync("/api/mkp-openapi-public/global/v1/order/query?orderId=MOCKONDEMAND"))!;
        Assert.Equal(ChargingModes.OnDemand, mock.OrderInfo!.OrderLine[0].ChargingMode);

        using var forger = new HttpClient(new ApigSigningHandler(Seller with { SecretKey = "wrong" }, _wallClock) { InnerHandler = new HttpClientHandler() })
        { BaseAddress = _emulator.BaseAddress };
        var refused = await forger.GetAsync($"/api/mkp-openapi-public/global/v1/order/query?orderId={orderId}");
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Contains("APIGW.0301", await refused.Content.ReadAsStringAsync());

        var unknown = await _seller.GetAsync("/api/mkp-openapi-public/global/v1/order/query?orderId=CSNOSUCHORDER");
        Assert.Contains("MKT.0100", await unknown.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task License_codes_are_issued_activated_checked_and_follow_expiry_with_signed_status_calls()
    {
        await AddProductAsync("LC", "LicenseCode", "PERIOD", licenseKey: Key);
        var order = await _emulator.OrderAsync(new { type = "NEW", customerId = "buyer-1", productId = "LC" });
        Assert.Equal("Completed", EmulatorHost.Text(order["status"]));
        var resourceId = EmulatorHost.Text(order["resourceId"]);
        var code = EmulatorHost.Text((await _emulator.ResourceAsync(resourceId))["licenseCode"]);

        var early = await PostJsonAsync("/api/mkp-openapi-public/global/v1/license/heartbeat", new LicenseHeartbeatRequest { License = code });
        Assert.Equal("92020011", EmulatorHost.Text(early["error_code"]));

        var activated = KooJson.Deserialize<LicenseActivateResponse>((await PostJsonAsync("/api/mkp-openapi-public/global/v1/license/activate", new LicenseActivateRequest { License = code })).ToJsonString())!;
        Assert.True(activated.IsSuccess);
        Assert.True(activated.Data!.TryGetLicenseCodeInfo(out var codeInfo));
        Assert.Equal(LicenseStatuses.Alive, codeInfo.Status);
        var again = await PostJsonAsync("/api/mkp-openapi-public/global/v1/license/activate", new LicenseActivateRequest { License = code });
        Assert.Equal(OpenApiCodes.LicenseAlreadyActivated, EmulatorHost.Text(again["error_code"]));

        await _emulator.AdvanceAsync(TimeSpan.FromDays(32));
        var status = Assert.Single(_stub.Of("updateLicenseCodeStatus"));
        Assert.True(status.SignatureValid);
        Assert.Equal(code, status.Param("license"));
        Assert.Equal("FREEZE", status.Param("status"));
        var heartbeat = KooJson.Deserialize<LicenseHeartbeatResponse>((await PostJsonAsync("/api/mkp-openapi-public/global/v1/license/heartbeat", new LicenseHeartbeatRequest { License = code })).ToJsonString())!;
        Assert.Equal(LicenseStatuses.Expired, heartbeat.Data!.Status);

        // Renewing a frozen code refreshes its expiry and unfreezes it.
        await _emulator.OrderAsync(new { type = "RENEW", resourceId });
        Assert.Equal("RENEWAL", Assert.Single(_stub.Of("refreshLicenseCode")).Param("scene"));
        Assert.Equal("UNFREEZE", _stub.Of("updateLicenseCodeStatus").Last().Param("status"));
        var missing = await PostJsonAsync("/api/mkp-openapi-public/global/v1/license/heartbeat", new LicenseHeartbeatRequest { License = "PLNOSUCHCODE" });
        Assert.Equal("92020005", EmulatorHost.Text(missing["error_code"]));
    }

    [Fact]
    public async Task Usage_pushes_are_verified_recorded_against_the_instance_and_deduplicated()
    {
        await AddProductAsync("OD", "SaasV2", "ON_DEMAND");
        _stub.Respond = call => StubReply.Code("000000", extra: ",\"instanceId\":\"od-1\",\"info\":[{\"instanceId\":\"od-1\",\"appInfo\":{\"frontEndUrl\":\"https://od\"}}]");
        var order = await _emulator.OrderAsync(new { type = "NEW", customerId = "buyer-1", productId = "OD" });
        var now = _wallClock.GetUtcNow();
        var record = UsageRecord.Create("od-1", now.AddHours(-2), now.AddHours(-1), 12.5m, "sn-1", now);

        Assert.Equal("MKT.0000", await PushAsync(record, Key));
        Assert.Equal("MKT.0000", await PushAsync(record with { MeteringSn = "sn-2", UsageValue = "99" }, Key));
        Assert.Equal("MKT.0000", await PushAsync(UsageRecord.Create("od-1", now.AddHours(-1), now, 2m, "sn-3", now), Key));
        Assert.Equal("MKT.0102", await PushAsync(record, "wrong-key"));
        Assert.Equal("MKT.9001", await PushAsync(record with { InstanceId = "nope" }, Key));
        Assert.Equal("MKT.9004", await PushAsync(UsageRecord.Create("od-1", now.AddDays(-30), now.AddDays(-29), 1m, "sn-4", now), Key));

        var resource = await _emulator.ResourceAsync(EmulatorHost.Text(order["resourceId"]));
        Assert.Equal(14.5m, resource["usageTotal"]!.GetValue<decimal>());
        Assert.Equal(["sn-1", "sn-3"], resource["usage"]!.AsArray().Select(u => EmulatorHost.Text(u!["meteringSn"])));
    }

    [Fact]
    public async Task Pushed_usage_of_an_on_demand_product_is_settled_as_on_demand_charges_and_debug_usage_is_not()
    {
        await AddProductAsync("OD", "SaasV2", "ON_DEMAND");   // 10 a unit, the default 10 % platform fee
        var instances = 0;
        _stub.Respond = call => call.Activity == "newInstance"
            ? StubReply.Code("000000", extra: $",\"instanceId\":\"od-{Interlocked.Increment(ref instances)}\"")
            : StubReply.Code("000000", extra: $",\"info\":[{{\"instanceId\":\"{call.Param("instanceId")}\",\"appInfo\":{{\"frontEndUrl\":\"https://od\"}}}}]");
        var order = await _emulator.OrderAsync(new { type = "NEW", customerId = "buyer-1", productId = "OD" });
        await _emulator.OrderAsync(new { type = "NEW", customerId = "buyer-1", productId = "OD", test = true });
        var now = _wallClock.GetUtcNow();
        var record = UsageRecord.Create("od-1", now.AddHours(-2), now.AddHours(-1), 12.5m, "sn-1", now);

        Assert.Equal("MKT.0000", await PushAsync(record, Key));
        Assert.Equal("MKT.0000", await PushAsync(record with { MeteringSn = "sn-2", UsageValue = "99" }, Key));
        Assert.Equal("MKT.0000", await PushAsync(UsageRecord.Create("od-2", now.AddHours(-2), now.AddHours(-1), 100m, "sn-3", now), Key));

        var settlement = await _emulator.GetAsync("/api/settlement");
        Assert.Equal(125m, settlement["onDemandCharges"]!.GetValue<decimal>());
        Assert.Equal(125m, settlement["saleAmount"]!.GetValue<decimal>());
        Assert.Equal(12.5m, settlement["platformFee"]!.GetValue<decimal>());
        Assert.Equal(112.5m, settlement["sellerAmount"]!.GetValue<decimal>());
        Assert.Equal(125m, (await _emulator.ResourceAsync(EmulatorHost.Text(order["resourceId"])))["usageCharges"]!.GetValue<decimal>());
    }

    [Fact]
    public async Task Uploads_of_strings_and_files_are_stored_and_a_wrong_digest_is_refused()
    {
        using (var characters = new MultipartFormDataContent())
        {
            characters.Add(new StringContent("{\"type\":\"CHARACTERS\",\"characters\":\"LICENSE-TEXT\"}", Encoding.UTF8, "application/json"), "isvUpdateFileReq");
            var reply = await _seller.PostAsync("/api/mkp-openapi-public/global/v1/market-event/evt-1/file", characters);
            Assert.Contains("CBC.0000", await reply.Content.ReadAsStringAsync());
        }

        var file = Encoding.UTF8.GetBytes("binary license");
        foreach (var (digest, expected) in new[] { (Convert.ToHexStringLower(SHA256.HashData(file)), "CBC.0000"), (new string('0', 64), "CBC.0101") })
        {
            using var content = new MultipartFormDataContent();
            content.Add(new ByteArrayContent(file), "file", "license.lic");
            content.Add(new StringContent($"{{\"type\":\"FILE\",\"sha256\":\"{digest}\"}}", Encoding.UTF8, "application/json"), "isvUpdateFileReq");
            var reply = await _seller.PostAsync("/api/mkp-openapi-public/global/v1/market-event/evt-2/file", content);
            Assert.Contains(expected, await reply.Content.ReadAsStringAsync());
        }

        var uploads = (await _emulator.GetAsync("/api/uploads")).AsArray();
        Assert.Equal(["CHARACTERS", "FILE"], uploads.Select(u => EmulatorHost.Text(u!["type"])));
        Assert.Equal("license.lic", EmulatorHost.Text(uploads[1]!["fileName"]));
    }

    private async Task<string> PushAsync(UsageRecord record, string key)
    {
        var body = KooJson.Serialize(new UsagePushRequest { UsageRecords = [record] });
        var ts = KooTime.ToEpochMilliseconds(_wallClock.GetUtcNow());
        var nonce = Guid.NewGuid().ToString();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/mkp-openapi-public/global/v1/isv/usage-data")
        {
            Content = new StringContent(body, new UTF8Encoding(false), new MediaTypeHeaderValue("application/json")),
        };
        request.Headers.Add(UsagePushSignature.SignatureHeader, UsagePushSignature.Compute(key, ts, nonce, body));
        request.Headers.Add(UsagePushSignature.TimestampHeader, ts);
        request.Headers.Add(UsagePushSignature.NonceHeader, nonce);
        var reply = await _emulator.Http.SendAsync(request);
        return KooJson.Deserialize<OpenApiResponse>(await reply.Content.ReadAsStringAsync())!.ErrorCode;
    }

    private async Task<JsonNode> PostJsonAsync<T>(string path, T message)
    {
        using var content = new StringContent(KooJson.Serialize(message), new UTF8Encoding(false), new MediaTypeHeaderValue("application/json"));
        var reply = await _seller.PostAsync(path, content);
        return JsonNode.Parse(await reply.Content.ReadAsStringAsync())!;
    }

    private Task AddProductAsync(string id, string version, string chargingMode, string? licenseKey = null) => _emulator.AddProductAsync(new
    {
        productId = id,
        chargingMode,
        periodType = chargingMode == "PERIOD" ? "month" : null,
        price = 10m,
        interfaceVersion = version,
        productionUrl = _stub.ProductionUrl,
        basicKey = Key,
        licenseKey,
    });

    public async Task DisposeAsync()
    {
        _seller.Dispose();
        await _emulator.DisposeAsync();
        await _stub.DisposeAsync();
    }
}

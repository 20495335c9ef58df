using KooGate.Emulator.Tests.Infrastructure;
using KooGate.Protocol.Crypto;
using KooGate.Testing.Emulator;
using Microsoft.Extensions.Time.Testing;

namespace KooGate.Emulator.Tests.Delivery;

/// <summary>SaaS V1 GET calls and legacy License calls, checked by a stub with KooGate.Protocol's verifiers.</summary>
public sealed class LegacyVersionTests : IAsyncLifetime
{
    private const string Key = "v1-stub-key-0001";
    private readonly FakeTimeProvider _wallClock = new(DateTimeOffset.UtcNow);
    private StubProduction _stub = null!;
    private EmulatorHost _emulator = null!;

    public async Task InitializeAsync()
    {
        _stub = await StubProduction.StartAsync(_wallClock, Key);
        _emulator = await EmulatorHost.StartAsync(_wallClock);
        await _emulator.AddBuyerAsync(mobile: "13800000000", email: "buyer@example.com");
    }

    [Fact]
    public async Task V1_create_is_a_signed_GET_with_encrypted_contact_and_the_signed_reply_yields_decrypted_credentials()
    {
        await AddProductAsync("V1-M", "SaasV1");
        _stub.Respond = call => call.Activity == "newInstance"
            ? StubReply.Code("000000", signBody: true, extra:
                $",\"encryptType\":\"1\",\"instanceId\":\"v1-inst\",\"appInfo\":{{\"frontEndUrl\":\"https://v1.example.com\",\"userName\":\"{FieldCipher.Encrypt(Key, "admin")}\",\"password\":\"{FieldCipher.Encrypt(Key, "s3cret!")}\"}}")
            : StubReply.Code("000000", signBody: true);
        var order = await _emulator.OrderAsync(new { type = "NEW", customerId = "buyer-1", productId = "V1-M", periodNumber = 3 });
        Assert.Equal("Completed", EmulatorHost.Text(order["status"]));

        var call = Assert.Single(_stub.Of("newInstance"));
        Assert.Equal("GET", call.Method);
        Assert.True(call.SignatureValid);
        Assert.Equal("13800000000", FieldCipher.Decrypt(Key, call.Param("mobilePhone")!));
        Assert.Equal("buyer@example.com", FieldCipher.Decrypt(Key, call.Param("email")!));
        Assert.Equal("1", call.Param("chargingMode"));
        Assert.Equal("month", call.Param("periodType"));
        Assert.Equal("3", call.Param("periodNumber"));
        Assert.Matches("^\\d{17}$", call.Param("timeStamp")!);

        var resource = await _emulator.ResourceAsync(EmulatorHost.Text(order["resourceId"]));
        Assert.Equal("v1-inst", EmulatorHost.Text(resource["instanceId"]));
        Assert.Equal("admin", EmulatorHost.Text(resource["appInfo"]!["userName"]));
        Assert.Equal("s3cret!", EmulatorHost.Text(resource["appInfo"]!["password"]));

        // Expiry freezes with expireInstance; the end of the freeze period releases.
        await _emulator.AdvanceAsync(TimeSpan.FromDays(93 + 16));
        var expire = Assert.Single(_stub.Of("expireInstance"));
        Assert.True(expire.SignatureValid);
        Assert.Equal(EmulatorHost.Text(order["orderId"]), expire.Param("orderId"));
        Assert.True(Assert.Single(_stub.Of("releaseInstance")).SignatureValid);
    }

    [Fact]
    public async Task A_V1_reply_without_Body_Sign_is_a_failure_and_is_retried()
    {
        await AddProductAsync("V1-M", "SaasV1");
        var signed = false;
        _stub.Respond = _ => StubReply.Code("000000", signBody: signed, extra: ",\"instanceId\":\"v1-x\"");
        var order = await _emulator.OrderAsync(new { type = "NEW", customerId = "buyer-1", productId = "V1-M" });
        Assert.Equal("Delivering", EmulatorHost.Text(order["status"]));
        var attempt = (await _emulator.CallsAsync(EmulatorHost.Text(order["resourceId"])))[0]!["calls"]![0]!;
        Assert.Equal("missing-body-sign", EmulatorHost.Text(attempt["verdict"]));

        signed = true;
        await _emulator.AdvanceAsync(TimeSpan.FromHours(1));
        Assert.Equal("Completed", EmulatorHost.Text((await _emulator.GetAsync($"/api/orders/{order["orderId"]}"))["status"]));
        Assert.Equal(2, _stub.Of("newInstance").Select(c => c.Param("businessId")).Distinct().Count());
    }

    [Fact]
    public async Task A_V1_reply_signed_with_another_key_is_refused()
    {
        await AddProductAsync("V1-M", "SaasV1");
        _stub.Respond = _ => StubReply.Code("000000", signBody: true, extra: ",\"instanceId\":\"v1-y\"");
        _stub.Key = "some-other-key";
        var order = await _emulator.OrderAsync(new { type = "NEW", customerId = "buyer-1", productId = "V1-M" });
        var attempt = (await _emulator.CallsAsync(EmulatorHost.Text(order["resourceId"])))[0]!["calls"]![0]!;
        Assert.Equal("bad-body-sign", EmulatorHost.Text(attempt["verdict"]));
        Assert.False(Assert.Single(_stub.Calls).SignatureValid);
    }

    [Theory] // README decision 6: the spacings sellers that passed the real marketplace send
    [InlineData("\", signature=\"", "\", signature= \"")]
    [InlineData("\", signature=\"", "\",signature=\"")]
    public async Task A_V1_Body_Sign_in_the_spacings_sellers_send_is_accepted(string from, string to)
    {
        await AddProductAsync("V1-M", "SaasV1");
        _stub.Respond = _ => StubReply.Code("000000", signBody: true, extra: ",\"instanceId\":\"v1-s\",\"appInfo\":{\"frontEndUrl\":\"https://v1.example.com\",\"adminUrl\":null}")
            with
        { ReshapeBodySign = value => value.Replace(from, to, StringComparison.Ordinal) };

        var order = await _emulator.OrderAsync(new { type = "NEW", customerId = "buyer-1", productId = "V1-M" });

        Assert.Equal("Completed", EmulatorHost.Text(order["status"]));
        // An explicit null member is no value, not the text "null".
        Assert.Null((await _emulator.ResourceAsync(EmulatorHost.Text(order["resourceId"])))["appInfo"]!["adminUrl"]);
    }

    [Fact]
    public async Task Legacy_License_getLicense_delivers_a_license_and_renewal_sends_refreshLicense()
    {
        await AddProductAsync("LIC-Y", "LicenseLegacy", periodType: "year");
        _stub.Respond = call => StubReply.Code("000000", signBody: true, extra: call.Activity == "getLicense" ? ",\"instanceId\":\"lic-1\",\"license\":\"LIC-ABC-123\"" : string.Empty);
        var order = await _emulator.OrderAsync(new { type = "NEW", customerId = "buyer-1", productId = "LIC-Y" });
        var resourceId = EmulatorHost.Text(order["resourceId"]);
        Assert.Equal("LIC-ABC-123", EmulatorHost.Text((await _emulator.ResourceAsync(resourceId))["licenseCode"]));
        Assert.True(Assert.Single(_stub.Of("getLicense")).SignatureValid);

        await _emulator.OrderAsync(new { type = "RENEW", resourceId });
        var refresh = Assert.Single(_stub.Of("refreshLicense"));
        Assert.True(refresh.SignatureValid);
        Assert.Equal("lic-1", refresh.Param("instanceId"));
        Assert.Equal(14, refresh.Param("expireTime")!.Length);
    }

    [Fact]
    public async Task A_V1_on_demand_instance_is_frozen_and_thawed_with_instanceStatus_and_debug_orders_carry_testFlag()
    {
        await AddProductAsync("V1-OD", "SaasV1", chargingMode: "ON_DEMAND");
        _stub.Respond = call => StubReply.Code("000000", signBody: true, extra: ",\"instanceId\":\"od-v1\"");
        var order = await _emulator.OrderAsync(new { type = "NEW", customerId = "buyer-1", productId = "V1-OD", test = true });
        var resourceId = EmulatorHost.Text(order["resourceId"]);
        Assert.Equal("0", Assert.Single(_stub.Of("newInstance")).Param("chargingMode"));

        Assert.Equal("Frozen", EmulatorHost.Text((await _emulator.PostAsync($"/api/instances/{resourceId}/freeze", new { }))["state"]));
        await _emulator.PostAsync($"/api/instances/{resourceId}/freeze", new { }, expectedStatus: 409);
        Assert.Equal("Active", EmulatorHost.Text((await _emulator.PostAsync($"/api/instances/{resourceId}/unfreeze", new { }))["state"]));

        var statuses = _stub.Of("instanceStatus");
        Assert.Equal(["FREEZE", "NORMAL"], statuses.Select(c => c.Param("instanceStatus")));
        Assert.All(statuses, c => Assert.True(c.SignatureValid));
        Assert.All(_stub.Calls, c => Assert.Equal("1", c.Param("testFlag")));
    }

    private Task AddProductAsync(string id, string version, string periodType = "month", string chargingMode = "PERIOD") => _emulator.AddProductAsync(new
    {
        productId = id,
        chargingMode,
        periodType = chargingMode == "PERIOD" ? periodType : null,
        price = 10m,
        interfaceVersion = version,
        productionUrl = _stub.ProductionUrl,
        v1Key = Key,
    });

    public async Task DisposeAsync()
    {
        await _emulator.DisposeAsync();
        await _stub.DisposeAsync();
    }
}

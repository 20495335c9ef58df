using System.Net;
using KooGate.Protocol.Messages;
using KooGate.Protocol.OpenApi;

namespace KooGate.Protocol.Tests.OpenApi;

public class LicenseTests
{
    private const string Base = "https://mkt.myhuaweicloud.com/api/mkp-openapi-public/global";

    [Fact]
    public async Task Activate_v1_posts_the_code_and_reads_the_embedded_license_info()
    {
        using var fixture = new MarketplaceFixture();
        fixture.Stub.Respond = _ => CannedResponse.Json("""
            {"error_code":"92020000","error_msg":"success",
             "data":{"license_code_info":"{\"status\":\"ALIVE\",\"expire_time\":\"20230726121646\",\"product_id\":\"12345\",\"amount\":2,\"order_id\":\"CS123\"}"}}
            """);

        var response = await fixture.Client.ActivateLicenseAsync("PLXXXXXX", new DateTimeOffset(2026, 1, 2, 15, 35, 55, TimeSpan.FromHours(8)));

        var request = fixture.Single;
        Assert.Equal(HttpMethod.Post, request.Method);
        Assert.Equal(Base + "/v1/license/activate", request.Url.AbsoluteUri);
        Assert.Equal("application/json; charset=utf-8", request.ContentType);
        Assert.Equal("""{"license":"PLXXXXXX","real_effect_time":"20260102073555"}""", request.BodyText);
        Assert.True(response.Data!.TryGetLicenseCodeInfo(out var info));
        Assert.Equal(LicenseStatuses.Alive, info.Status);
        Assert.Equal(2m, info.Amount);
    }

    [Fact]
    public async Task Activating_twice_is_reported_as_already_activated()
    {
        using var fixture = new MarketplaceFixture();
        fixture.Stub.Respond = _ => CannedResponse.Json("""{"error_code":"92020003","error_msg":"illegal state"}""");

        var e = await Assert.ThrowsAsync<MarketplaceApiException>(() => fixture.Client.ActivateLicenseAsync("PL1"));

        Assert.True(e.IsAlreadyActivated);
        Assert.False(e.IsTransient);
        Assert.Equal(HttpStatusCode.OK, e.StatusCode);
    }

    [Theory]
    [InlineData(HttpStatusCode.OK, "92020005", false)]
    [InlineData(HttpStatusCode.OK, "92020001", true)]
    [InlineData(HttpStatusCode.BadRequest, "95000001", false)]
    [InlineData(HttpStatusCode.InternalServerError, "92020001", true)]
    [InlineData(HttpStatusCode.Forbidden, "92020001", false)]
    public async Task License_error_codes_decide_before_http_status(HttpStatusCode status, string code, bool transient)
    {
        using var fixture = new MarketplaceFixture();
        fixture.Stub.Respond = _ => CannedResponse.Json($$"""{"error_code":"{{code}}","error_msg":"m"}""", status);

        var e = await Assert.ThrowsAsync<MarketplaceApiException>(() => fixture.Client.ActivateLicenseAsync("PL1"));

        Assert.Equal(code, e.ErrorCode);
        Assert.Equal(transient, e.IsTransient);
    }

    [Fact]
    public async Task Activate_v2_posts_the_list()
    {
        using var fixture = new MarketplaceFixture();
        fixture.Stub.Respond = _ => CannedResponse.Json("""{"error_code":"92020000","error_msg":"success"}""");

        var response = await fixture.Client.ActivateLicensesAsync(new LicenseActivateV2Request { LicenseList = ["PL1", "PL2"], RealEffectTime = "20260102153555" });

        Assert.Equal("92020000", response.ErrorCode);
        Assert.Equal(Base + "/v2/license/activate", fixture.Single.Url.AbsoluteUri);
        Assert.Equal("""{"license_list":["PL1","PL2"],"real_effect_time":"20260102153555"}""", fixture.Single.BodyText);
    }

    [Fact]
    public async Task Activate_v2_refuses_more_than_100_codes_before_sending()
    {
        using var fixture = new MarketplaceFixture();
        var codes = Enumerable.Range(0, 101).Select(i => $"PL{i:000}").ToList();

        var e = await Assert.ThrowsAsync<ArgumentException>(() => fixture.Client.ActivateLicensesAsync(new LicenseActivateV2Request { LicenseList = codes }));

        Assert.Contains("license_list", e.Message, StringComparison.Ordinal);
        Assert.Empty(fixture.Stub.Requests);
    }

    [Fact]
    public async Task Activate_refuses_a_malformed_effect_time_before_sending()
    {
        using var fixture = new MarketplaceFixture();
        var e = await Assert.ThrowsAsync<ArgumentException>(
            () => fixture.Client.ActivateLicenseAsync(new LicenseActivateRequest { License = "PL1", RealEffectTime = "2026-01-02" }));
        Assert.Contains("real_effect_time", e.Message, StringComparison.Ordinal);
        Assert.Empty(fixture.Stub.Requests);
    }

    [Fact]
    public async Task Heartbeat_v1_sends_heartbeat_info_and_reads_the_license_state()
    {
        using var fixture = new MarketplaceFixture();
        fixture.Stub.Respond = _ => CannedResponse.Json("""
            {"error_code":"92020000","error_msg":"success","data":{"license_code":"PL1","status":"EXPIRED",
             "activate_time":"20250101000000","expire_time":"20251231235959","new_field":true}}
            """);

        var response = await fixture.Client.HeartbeatLicenseAsync("PL1", new HeartbeatInfo { ThirdPartyAccount = "acct-1", Ip = "192.168.1.51" });

        Assert.Equal(Base + "/v1/license/heartbeat", fixture.Single.Url.AbsoluteUri);
        Assert.Equal("""{"heartbeatInfo":{"ip":"192.168.1.51","thirdPartyAccount":"acct-1"},"license":"PL1"}""", fixture.Single.BodyText);
        Assert.Equal(LicenseStatuses.Expired, response.Data!.Status);
        Assert.Equal("20251231235959", response.Data.ExpireTime);
        Assert.True(response.Data.ExtensionData!.ContainsKey("new_field"));
    }

    [Fact]
    public async Task Heartbeat_before_activation_throws_with_the_code()
    {
        using var fixture = new MarketplaceFixture();
        fixture.Stub.Respond = _ => CannedResponse.Json("""{"error_code":"92020011","error_msg":"license code has been not activated."}""");

        var e = await Assert.ThrowsAsync<MarketplaceApiException>(() => fixture.Client.HeartbeatLicenseAsync("PL1"));

        Assert.Equal("92020011", e.ErrorCode);
        Assert.Equal("""{"license":"PL1"}""", fixture.Single.BodyText);
    }

    [Fact]
    public async Task Heartbeat_v2_posts_the_list_and_reads_license_infos_from_data()
    {
        using var fixture = new MarketplaceFixture();
        fixture.Stub.Respond = _ => CannedResponse.Json("""
            {"error_code":"92020000","error_msg":"success","data":[{"license_code":"PL1","status":"ALIVE"},{"license_code":"PL2","status":"RELEASED"}]}
            """);

        var response = await fixture.Client.HeartbeatLicensesAsync(new LicenseHeartbeatV2Request { LicenseList = ["PL1", "PL2"] });

        Assert.Equal(Base + "/v2/license/heartbeat", fixture.Single.Url.AbsoluteUri);
        Assert.Equal("""{"license_list":["PL1","PL2"]}""", fixture.Single.BodyText);
        Assert.Equal(["ALIVE", "RELEASED"], response.Licenses().Select(l => l.Status));
    }
}

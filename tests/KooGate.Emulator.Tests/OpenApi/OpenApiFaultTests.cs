using System.Net;
using KooGate.Emulator.Tests.Infrastructure;
using KooGate.Protocol.OpenApi;
using KooGate.Testing.Emulator;
using Microsoft.Extensions.Time.Testing;

namespace KooGate.Emulator.Tests.OpenApi;

/// <summary>
/// The open-API gateway on a bad day (<c>PUT /api/faults</c>), seen through KooGate's own <see cref="MarketplaceClient"/>:
/// 5xx, throttling, latency, AK lock-out, and the main host down with only the <c>.cn</c> fallback answering.
/// </summary>
public sealed class OpenApiFaultTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _wallClock = new(DateTimeOffset.UtcNow);
    private EmulatorHost _emulator = null!;

    public async Task InitializeAsync() => _emulator = await EmulatorHost.StartAsync(_wallClock);

    [Theory]
    [InlineData("{\"serverError\":503}", HttpStatusCode.ServiceUnavailable, "APIGW.0101")]
    [InlineData("{\"throttle\":\"APIGW.0308\"}", HttpStatusCode.TooManyRequests, "APIGW.0308")]
    [InlineData("{\"throttle\":\"MKT.0250\"}", HttpStatusCode.NotAcceptable, "MKT.0250")]
    public async Task A_gateway_fault_answers_every_call_until_cleared(string faults, HttpStatusCode status, string code)
    {
        await SetFaultsAsync(faults);

        var failure = await Assert.ThrowsAsync<MarketplaceApiException>(() => Client().QueryOrderAsync("MOCKPERIODYEARNEW"));
        Assert.Equal(status, failure.StatusCode);
        Assert.Equal(code, failure.ErrorCode);
        Assert.True(failure.IsTransient);

        Assert.Equal(HttpStatusCode.NoContent, (await _emulator.Http.DeleteAsync("/api/faults")).StatusCode);
        Assert.True((await Client().QueryOrderAsync("MOCKPERIODYEARNEW")).IsSuccess);
    }

    [Fact]
    public async Task Latency_delays_the_answer()
    {
        await SetFaultsAsync("{\"latencyMs\":400}");
        var started = TimeProvider.System.GetTimestamp();

        Assert.True((await Client().QueryOrderAsync("MOCKPERIODYEARNEW")).IsSuccess);
        Assert.True(TimeProvider.System.GetElapsedTime(started) >= TimeSpan.FromMilliseconds(400));
    }

    [Fact]
    public async Task Six_bad_signatures_in_a_row_lock_the_AK_for_five_minutes_of_virtual_time()
    {
        await SetFaultsAsync("{\"akLockout\":true}");
        var forger = new MarketplaceClient(_emulator.Http, EmulatorHost.SellerCredentials with { SecretKey = "wrong" }, _wallClock);
        for (var i = 0; i < 6; i++)
        {
            await Assert.ThrowsAsync<MarketplaceApiException>(() => forger.QueryOrderAsync("MOCKPERIODYEARNEW"));
        }

        var locked = await Assert.ThrowsAsync<MarketplaceApiException>(() => Client().QueryOrderAsync("MOCKPERIODYEARNEW"));
        Assert.Equal("APIGW.0301", locked.ErrorCode);
        Assert.Contains("AK access failed to reach the limit,forbidden", locked.ErrorMessage, StringComparison.Ordinal);

        await _emulator.AdvanceAsync(TimeSpan.FromMinutes(5) + TimeSpan.FromSeconds(1));
        Assert.True((await Client(_emulator.WallClock).QueryOrderAsync("MOCKPERIODYEARNEW")).IsSuccess);
    }

    [Fact]
    public async Task With_the_main_host_down_KooGates_client_falls_back_to_the_cn_host()
    {
        await SetFaultsAsync("{\"mainHostDown\":true}");

        var withoutFallback = await Assert.ThrowsAsync<MarketplaceApiException>(() => Client().QueryOrderAsync("MOCKPERIODYEARNEW"));
        Assert.Null(withoutFallback.StatusCode);

        var client = new MarketplaceClient(_emulator.Http, EmulatorHost.SellerCredentials, _wallClock)
        {
            FallbackBaseAddress = new Uri(_emulator.BaseAddress, "/cn/"),
        };
        Assert.True((await client.QueryOrderAsync("MOCKPERIODYEARNEW")).IsSuccess);
    }

    [Fact]
    public async Task A_fault_that_is_not_documented_is_refused()
    {
        using var content = new StringContent("{\"throttle\":\"APIGW.9999\"}", System.Text.Encoding.UTF8, "application/json");
        Assert.Equal(HttpStatusCode.BadRequest, (await _emulator.Http.PutAsync("/api/faults", content)).StatusCode);
    }

    private MarketplaceClient Client(TimeProvider? time = null) => new(_emulator.Http, EmulatorHost.SellerCredentials, time ?? _wallClock);

    private async Task SetFaultsAsync(string json)
    {
        using var content = new StringContent(json, System.Text.Encoding.UTF8, "application/json");
        (await _emulator.Http.PutAsync("/api/faults", content)).EnsureSuccessStatusCode();
    }

    public async Task DisposeAsync() => await _emulator.DisposeAsync();
}

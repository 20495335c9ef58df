using System.Net;
using KooGate.Server.Tests.Infrastructure;
using KooGate.Server.Tests.Outbox;

namespace KooGate.Server.Tests.Admin;

/// <summary>The webhook provisioner's second half: the seller's app completes or fails provisioning.</summary>
public sealed class ProvisioningCompletionTests : IAsyncLifetime
{
    private WebhookTestHost _t = null!;
    private AdminClient _admin = null!;

    public async Task InitializeAsync()
    {
        _t = await WebhookTestHost.StartAsync();
        _admin = new AdminClient(_t.Host);
    }

    public async Task DisposeAsync() => await _t.DisposeAsync();

    [Fact]
    public async Task Completing_turns_000004_into_000000_and_query_shows_the_app_info()
    {
        Assert.Equal("000004", (await _t.CreateAsync("ORDER-C1", "biz-c1")).ResultCode);
        var query = await _t.Marketplace.PostAsync(new { activity = "queryInstance", instanceId = "biz-c1" });
        Assert.Equal("000004", query.ResultCode);

        var (status, body) = await _admin.PostAsync("/admin/api/instances/biz-c1/complete", new
        {
            frontEndUrl = "https://app.example.com/c1",
            userName = "owner",
            password = "p@ss-C1",
        });
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("Active", body.GetProperty("state").GetString());
        Assert.False(body.TryGetProperty("password", out _), "the admin API never shows passwords");

        query = await _t.Marketplace.PostAsync(new { activity = "queryInstance", instanceId = "biz-c1" });
        Assert.Equal("000000", query.ResultCode);
        var app = query.Json.GetProperty("info")[0].GetProperty("appInfo");
        Assert.Equal("https://app.example.com/c1", app.GetProperty("frontEndUrl").GetString());
        Assert.Equal("p@ss-C1", app.GetProperty("password").GetString());

        var retry = await _t.CreateAsync("ORDER-C1", "biz-c1-retry");
        Assert.Equal(("000000", "biz-c1"), (retry.ResultCode, retry.Get("instanceId")));

        // A second completion (the app retrying) keeps the first app info.
        (status, body) = await _admin.PostAsync("/admin/api/instances/biz-c1/complete", new { frontEndUrl = "https://other.example.com/" });
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("https://app.example.com/c1", body.GetProperty("frontEndUrl").GetString());

        (status, body) = await _admin.GetAsync("/admin/api/instances/biz-c1");
        Assert.Equal(HttpStatusCode.OK, status);
        var events = body.GetProperty("events").EnumerateArray().Select(e => e.GetProperty("type").GetString()).ToList();
        Assert.Equal(["created", "provisioned"], events);
    }

    [Fact]
    public async Task Failing_answers_the_failure_code_until_a_create_retry_hands_provisioning_back_to_the_app()
    {
        await _t.CreateAsync("ORDER-C2", "biz-c2");
        var (status, body) = await _admin.PostAsync("/admin/api/instances/biz-c2/fail", new { code = "000106", message = "sold out in region" });
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("Failed", body.GetProperty("state").GetString());
        var query = await _t.Marketplace.PostAsync(new { activity = "queryInstance", instanceId = "biz-c2" });
        Assert.Equal("000106", query.ResultCode);
        (status, _) = await _admin.PostAsync("/admin/api/instances/biz-c2/complete", new { frontEndUrl = "https://app.example.com/" });
        Assert.Equal(HttpStatusCode.Conflict, status);

        // KooGallery's retry is a new chance: the app is told to provision again and completes this time.
        var retry = await _t.CreateAsync("ORDER-C2", "biz-c2-retry");
        Assert.Equal(("000004", "biz-c2"), (retry.ResultCode, retry.Get("instanceId")));
        await _t.WaitForOutboxAsync(m => m.Type == "instance.provisioning_retried" && m.InstanceId == "biz-c2", "the retry event");
        (status, body) = await _admin.PostAsync("/admin/api/instances/biz-c2/complete", new { frontEndUrl = "https://app.example.com/c2" });
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("Active", body.GetProperty("state").GetString());
        Assert.Equal("000000", (await _t.CreateAsync("ORDER-C2", "biz-c2-third")).ResultCode);
    }

    [Theory]
    [InlineData("""{"userName":"x"}""", "frontEndUrl")]
    [InlineData("""{"frontEndUrl":"not a url"}""", "frontEndUrl")]
    [InlineData("""{"frontEndUrl":"ftp://example.com/"}""", "frontEndUrl")]
    [InlineData("""{"frontEndUrl":"https://example.com/","userName":"LONG"}""", "userName")]
    public async Task Invalid_app_info_is_a_400_naming_the_field(string json, string field)
    {
        await _t.CreateAsync("ORDER-C3", "biz-c3");
        json = json.Replace("LONG", new string('u', 129), StringComparison.Ordinal);
        var (status, body) = await _admin.PostAsync("/admin/api/instances/biz-c3/complete", System.Text.Json.JsonDocument.Parse(json).RootElement);
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.True(body.GetProperty("errors").TryGetProperty(field, out _), body.ToString());

        (status, body) = await _admin.GetAsync("/admin/api/instances/biz-c3");
        Assert.Equal("Provisioning", body.GetProperty("instance").GetProperty("state").GetString());
    }

    [Theory]
    [InlineData("""{"code":"000000"}""")]
    [InlineData("""{"code":"000004"}""")]
    [InlineData("""{"code":"12"}""")]
    public async Task Fail_needs_a_real_failure_code(string json)
    {
        await _t.CreateAsync("ORDER-C4", "biz-c4");
        var (status, _) = await _admin.PostAsync("/admin/api/instances/biz-c4/fail", System.Text.Json.JsonDocument.Parse(json).RootElement);
        Assert.Equal(HttpStatusCode.BadRequest, status);
    }

    [Fact]
    public async Task Unknown_instances_are_404()
    {
        Assert.Equal(HttpStatusCode.NotFound, (await _admin.PostAsync("/admin/api/instances/nope/complete", new { frontEndUrl = "https://a.example/" })).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await _admin.GetAsync("/admin/api/instances/nope")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await _admin.PostAsync($"/admin/api/outbox/{Guid.NewGuid()}/redeliver")).Status);
    }

    [Fact]
    public async Task The_callback_log_is_filterable_by_order_and_result_code()
    {
        await _t.CreateAsync("ORDER-C5", "biz-c5");
        await _t.CreateAsync("ORDER-C6", "biz-c6");
        var (status, body) = await _admin.GetAsync("/admin/api/callbacks?orderId=ORDER-C5");
        Assert.Equal(HttpStatusCode.OK, status);
        var rows = body.EnumerateArray().ToList();
        Assert.Single(rows);
        Assert.Equal("newInstance", rows[0].GetProperty("activity").GetString());
        Assert.Equal("000004", rows[0].GetProperty("resultCode").GetString());
        Assert.Equal(2, (await _admin.GetAsync("/admin/api/callbacks?resultCode=000004")).Body.GetArrayLength());
        Assert.Equal(0, (await _admin.GetAsync("/admin/api/callbacks?resultCode=000000")).Body.GetArrayLength());
    }
}

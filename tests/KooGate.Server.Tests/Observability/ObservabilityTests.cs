using System.Globalization;
using System.Net;
using KooGate.Server.Tests.Infrastructure;
using KooGate.Server.Tests.Outbox;
using KooGate.Testing.Server;

namespace KooGate.Server.Tests.Observability;

public sealed class ObservabilityTests
{
    /// <summary>The value of the first sample of a metric whose labels include all the given pairs, or null.</summary>
    private static double? Sample(string exposition, string metric, params (string Name, string Value)[] labels) =>
        exposition.Split('\n')
            .Where(line => line.StartsWith(metric + "{", StringComparison.Ordinal) || line.StartsWith(metric + " ", StringComparison.Ordinal))
            .Where(line => labels.All(l => line.Contains($"{l.Name}=\"{l.Value}\"", StringComparison.Ordinal)))
            .Select(line => (double?)double.Parse(line[(line.LastIndexOf('}') + 1)..].Trim().Split(' ')[0], CultureInfo.InvariantCulture))
            .FirstOrDefault();

    [Fact]
    public async Task Metrics_count_the_callbacks_made_by_family_activity_and_result_code_with_their_latency()
    {
        await using var t = await WebhookTestHost.StartAsync();
        t.Receiver.AnswerNext(500);
        var created = await t.CreateAsync("ORDER-M1", "biz-metrics-1");
        var probes = new List<ProduceReply>();
        for (var i = 0; i < 3; i++)
        {
            // A Kit name nothing else calls on this host, signed with a wrong key: counted exactly.
            probes.Add(await t.Marketplace.KitAsync("allOrgSync", new { tenantId = "t" }, key: "wrong-key"));
        }

        await t.WaitForOutboxAsync(m => m.Attempts == 1, "first delivery failed");
        var metrics = await t.Host.Http.GetStringAsync("/metrics");

        Assert.True(Sample(metrics, "koogate_callbacks_total", ("family", "saas-v2"), ("activity", "newInstance"), ("result_code", created.ResultCode)) >= 1, metrics);
        var probeCode = probes[0].ResultCode;
        Assert.NotEqual("000000", probeCode);
        Assert.Equal(3, Sample(metrics, "koogate_callbacks_total", ("family", "kit-v2"), ("activity", "allOrgSync"), ("result_code", probeCode)));
        Assert.Equal(3, Sample(metrics, "koogate_callback_duration_seconds_count", ("family", "kit-v2"), ("activity", "allOrgSync")));
        Assert.True(Sample(metrics, "koogate_outbox_deliveries_total", ("type", "instance.created"), ("outcome", "failed")) >= 1, metrics);
        Assert.NotNull(Sample(metrics, "koogate_outbox_backlog", ("status", "pending")));
    }

    [Fact]
    public async Task Activity_labels_from_unverified_bodies_are_bounded()
    {
        using var host = new KooGateHost();
        var marketplace = new MarketplaceClient(host);
        await marketplace.PostAsync("""{"activity":"no such activity!"}""", key: "wrong-key");
        var metrics = await host.Http.GetStringAsync("/metrics");
        Assert.DoesNotContain("no such activity", metrics, StringComparison.Ordinal);
        Assert.NotNull(Sample(metrics, "koogate_callbacks_total", ("family", "saas-v2"), ("activity", "other")));
    }

    [Fact]
    public async Task Junk_activity_names_count_as_other_and_never_crowd_out_real_ones()
    {
        using var host = new KooGateHost();
        var marketplace = new MarketplaceClient(host);
        for (var i = 0; i < 70; i++)
        {
            await marketplace.PostAsync($$"""{"activity":"junk{{i}}"}""", key: "wrong-key");
        }

        await marketplace.PostAsync("""{"activity":"queryInstance"}""", key: "wrong-key");
        var metrics = await host.Http.GetStringAsync("/metrics");
        Assert.DoesNotContain("junk", metrics, StringComparison.Ordinal);
        Assert.Equal(70, Sample(metrics, "koogate_callbacks_total", ("family", "saas-v2"), ("activity", "other")));
        Assert.Equal(1, Sample(metrics, "koogate_callbacks_total", ("family", "saas-v2"), ("activity", "queryInstance")));
    }

    [Fact]
    public async Task V1_GET_and_Kit_V1_calls_are_counted_like_the_other_families()
    {
        using var host = new KooGateHost();
        var v1 = new V1MarketplaceClient(host);
        var created = await v1.GetAsync(SaasV1.V1NewInstanceTests.Create("biz-metrics-v1"));
        var refused = await v1.GetAsync(new { activity = "getLicense" }, key: "wrong-key");
        var kit = await v1.KitAsync("tenantSync", new { tenantId = "t", timeStamp = Protocol.KooTime.ToChina17(host.Clock.GetUtcNow()) }, key: "wrong-key");

        var metrics = await host.Http.GetStringAsync("/metrics");

        // The meter is shared by every host of this test process, so other tests' calls may be counted too.
        Assert.Equal("000000", created.ResultCode);
        Assert.True(Sample(metrics, "koogate_callbacks_total", ("family", "saas-v1"), ("activity", "newInstance"), ("result_code", "000000")) >= 1, metrics);
        Assert.True(Sample(metrics, "koogate_callbacks_total", ("family", "license-v1"), ("activity", "getLicense"), ("result_code", refused.ResultCode)) >= 1, metrics);
        Assert.True(Sample(metrics, "koogate_callbacks_total", ("family", "kit-v1"), ("activity", "tenantSync"), ("result_code", kit.ResultCode)) >= 1, metrics);
        Assert.True(Sample(metrics, "koogate_callback_duration_seconds_count", ("family", "kit-v1"), ("activity", "tenantSync")) >= 1, metrics);
    }

    [Fact]
    public async Task Liveness_and_readiness_answer_without_credentials()
    {
        using var host = new KooGateHost();
        Assert.Equal(HttpStatusCode.OK, (await host.Http.GetAsync("/healthz")).StatusCode);
        var ready = await host.Http.GetAsync("/readyz");
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal("Healthy", await ready.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_openapi_document_describes_the_admin_api_only_and_scalar_serves_it()
    {
        using var host = new KooGateHost();
        var admin = new AdminClient(host);
        var (status, document) = await admin.GetAsync("/openapi/v1.json");
        Assert.Equal(HttpStatusCode.OK, status);
        var paths = document.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        Assert.Contains("/admin/api/instances", paths);
        Assert.Contains("/admin/api/outbox/{id}/redeliver", paths);
        Assert.Contains("/admin/api/callbacks", paths);
        Assert.All(paths, p => Assert.StartsWith("/admin/api/", p, StringComparison.Ordinal));
        var scheme = document.GetProperty("components").GetProperty("securitySchemes").GetProperty("ApiKey");
        Assert.Equal("X-Api-Key", scheme.GetProperty("name").GetString());

        using var request = new HttpRequestMessage(HttpMethod.Get, "/scalar/v1");
        request.Headers.Add("X-Api-Key", TestKeys.AdminApiKey);
        var scalar = await host.Http.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, scalar.StatusCode);
        Assert.Contains("openapi/v1.json", await scalar.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}

using System.Net;
using KooGate.Server.Tests.Infrastructure;
using KooGate.Server.Tests.SaasV1;
using KooGate.Testing.Server;

namespace KooGate.Server.Tests.Usage;

/// <summary><c>queryInstance</c> reports the usage KooGate holds, on V1 and V2, with no open API configured.</summary>
public sealed class QueriedUsageTests
{
    [Fact]
    public async Task V2_reports_usage_from_its_own_records_without_the_open_api()
    {
        using var host = new KooGateHost();
        var marketplace = new MarketplaceClient(host);
        Assert.Equal("000000", (await marketplace.PostAsync(new { activity = "newInstance", businessId = "biz-q2", orderId = "O-Q2", orderLineId = "L-Q2" })).ResultCode);
        await ReportAsync(host, "biz-q2", 2.5m, 1.25m);

        var reply = await marketplace.PostAsync(new { activity = "queryInstance", instanceId = "biz-q2" });

        Assert.Equal("000000", reply.ResultCode);
        Assert.Equal(3.75m, reply.Json.GetProperty("info")[0].GetProperty("usageInfo")[0].GetProperty("usageValue").GetDecimal());
    }

    [Fact]
    public async Task V1_reports_the_real_usage_of_a_pay_per_use_instance()
    {
        using var host = new KooGateHost();
        var marketplace = new V1MarketplaceClient(host);
        Assert.Equal("000000", (await marketplace.GetAsync(V1NewInstanceTests.Create("biz-q1", "O-Q1", extra: ("chargingMode", "0")))).ResultCode);
        await ReportAsync(host, "biz-q1", 7m, 0.5m);

        var reply = await marketplace.GetAsync(new[] { new KeyValuePair<string, string?>("activity", "queryInstance"), new("instanceId", "biz-q1") });

        Assert.Equal("000000", reply.ResultCode);
        Assert.Equal(7.5m, reply.Json.GetProperty("info")[0].GetProperty("usageInfo")[0].GetProperty("usageValue").GetDecimal());
    }

    private static async Task ReportAsync(KooGateHost host, string instanceId, params decimal[] values)
    {
        var now = host.Clock.GetUtcNow();
        var records = values.Select((value, i) => new { recordId = $"{instanceId}-{i}", instanceId, usageTime = now, value }).ToArray();
        var (status, body) = await new AdminClient(host).PostAsync("/admin/api/usage", new { records });
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(values.Length, body.GetProperty("accepted").GetInt32());
    }
}
